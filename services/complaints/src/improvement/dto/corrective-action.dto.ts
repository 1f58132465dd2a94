import { IsCode, IsText, IsTimestamp, LONG_TEXT_MAX, SHORT_TEXT_MAX } from '@cx/contracts';
import { CursorPageQuery, IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CORRECTIVE_ACTION_STATUSES, CorrectiveActionStatus } from '../corrective-action.entity';

export class AddCorrectiveActionDto {
  // As long as its events and the report digest carry it (SHORT_TEXT_MAX): a longer one was a 500.
  @ApiProperty({ example: 'Switch zip supplier for down jackets' }) @IsText(SHORT_TEXT_MAX) title!: string;
  @ApiProperty({ example: 'E10023' }) @IsPlainRef() ownerId!: string;
  @ApiProperty({
    example: '2026-12-15T18:00:00+08:00',
    description: 'A date-time with its zone offset, in the future',
  })
  @IsTimestamp()
  dueAt!: string;
  @ApiProperty({ example: 'No zip complaints about the new batch within 30 days' })
  @IsText(LONG_TEXT_MAX)
  verification!: string;
  @ApiPropertyOptional({
    example: 'quality',
    description:
      "The department that must act; absent: the complaint's responsible department, else its handling one",
  })
  @IsOptional()
  @IsCode()
  department?: string;
}

export class CompleteCorrectiveActionDto {
  @ApiProperty({ example: 'Supplier switched from batch 43 on' }) @IsText(LONG_TEXT_MAX) outcome!: string;
}

export class VerifyCorrectiveActionDto {
  @ApiProperty({ description: 'Did it work? false opens the action again with a new due time' })
  @IsBoolean()
  effective!: boolean;
  @ApiProperty({ example: 'Two zip complaints in 30 days, down from 14' })
  @IsText(LONG_TEXT_MAX)
  note!: string;
  @ApiPropertyOptional({ description: 'Required when not effective: the new due time' })
  @IsOptional()
  @IsTimestamp()
  dueAt?: string;
}

export class ListCorrectiveActionsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: CORRECTIVE_ACTION_STATUSES })
  @IsOptional()
  @IsIn(CORRECTIVE_ACTION_STATUSES)
  status?: CorrectiveActionStatus;
  @ApiPropertyOptional({ description: 'Only open actions past their due time' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsCode() department?: string;
  @ApiPropertyOptional() @IsOptional() @IsCode() causeCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsPlainRef() ownerId?: string;
}
