import {
  IsCode,
  IsIntIn,
  IsNested,
  IsNestedList,
  IsNumberIn,
  IsRef,
  IsRefList,
  IsText,
  IsTimestamp,
  LONG_TEXT_MAX,
  OptionalField,
} from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsUUID, Matches } from 'class-validator';
import { LocalizedTextDto } from '../../common/texts';
import { ACTION_KINDS, ActionKind } from '../audit.entity';
import { QUARTER } from '../audit.rules';

export class ChecklistItemDto {
  @ApiProperty({ example: 'greet-30s' }) @IsCode(40) key!: string;
  @ApiProperty({ type: LocalizedTextDto }) @IsNested(() => LocalizedTextDto) text!: LocalizedTextDto;
  @ApiProperty({ example: 3 }) @IsIntIn(1, 100) weight!: number;
  @ApiProperty() @IsBoolean() critical!: boolean;
}

export class ChecklistSectionDto {
  @ApiProperty({ example: 'greeting' }) @IsCode() touchpoint!: string;
  @ApiProperty({ example: 80 }) @IsNumberIn(0, 100) passingScorePct!: number;
  @ApiProperty({ type: [ChecklistItemDto] })
  @IsNestedList(() => ChecklistItemDto, 100)
  items!: ChecklistItemDto[];
}

/** POST /admin/checklists */
export class CreateChecklistDto {
  @ApiProperty({ example: 'store-visit-2026' }) @IsCode() code!: string;
  @ApiProperty({ type: LocalizedTextDto }) @IsNested(() => LocalizedTextDto) title!: LocalizedTextDto;
  @ApiProperty({ example: 90 }) @IsNumberIn(0, 100) passThresholdPct!: number;
  @ApiProperty({ type: [ChecklistSectionDto] })
  @IsNestedList(() => ChecklistSectionDto, 30)
  sections!: ChecklistSectionDto[];
}

export class AuditorParams {
  @ApiProperty({ example: 'A7001' }) @IsRef() auditorId!: string;
}

/** PUT /admin/auditors/{auditorId} */
export class PutAuditorDto {
  @ApiPropertyOptional({
    example: 'SH-002',
    description: 'The store the auditor works in (never audited by them)',
  })
  @OptionalField()
  @IsRef()
  homeStoreId?: string;
}

/** POST /admin/audits: plan a store's audit for a quarter and assign it. */
export class CreateAuditDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() checklistId!: string;
  @ApiProperty({ example: 'SH-001' }) @IsRef() storeId!: string;
  @ApiProperty({ example: '2026-Q2' })
  @Matches(QUARTER, { message: 'quarter must look like 2026-Q2' })
  quarter!: string;
  @ApiProperty({ example: 'A7001' }) @IsRef() auditorId!: string;
}

export class ActionDto {
  @ApiProperty({ enum: ACTION_KINDS }) @IsIn(ACTION_KINDS) kind!: ActionKind;
  @ApiProperty({ example: '当班店长立即补充发票' }) @IsText(LONG_TEXT_MAX) description!: string;
  @ApiProperty({ example: 'E10023' }) @IsRef() ownerId!: string;
  @ApiProperty({ example: '2026-05-01T18:00:00+08:00' }) @IsTimestamp() dueAt!: string;
}

export class ItemResultDto {
  @ApiProperty({ example: 'greet-30s' }) @IsCode(40) key!: string;
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiPropertyOptional() @OptionalField() @IsText(LONG_TEXT_MAX) note?: string;
  @ApiPropertyOptional({ type: [ActionDto], description: 'Required (at least one) on a failed item' })
  @OptionalField()
  @IsNestedList(() => ActionDto, 10)
  actions?: ActionDto[];
}

/** POST /audits/{id}/results */
export class SubmitAuditDto {
  @ApiProperty({ type: [ItemResultDto] }) @IsNestedList(() => ItemResultDto, 500) items!: ItemResultDto[];
  @ApiProperty({ example: ['E10023'], description: 'Employee numbers of the staff on duty' })
  @IsRefList()
  staffOnDuty!: string[];
}
