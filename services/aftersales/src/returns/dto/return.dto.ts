import { IsCode, IsText, RETURN_KINDS, ReturnKind } from '@cx/contracts';
import { CursorPageQuery, IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { RETURN_STATUSES, ReturnStatus } from '../status';

/** POST /returns: one order line, why, and for a quality reason what is wrong with it. */
export class CreateReturnDto {
  @ApiProperty({ enum: RETURN_KINDS }) @IsIn(RETURN_KINDS) kind!: ReturnKind;
  @ApiProperty({ example: 'SO-2026-000123' }) @IsPlainRef() orderId!: string;
  @ApiProperty({ example: '2' }) @IsPlainRef() lineId!: string;
  @ApiPropertyOptional({ example: 1, description: 'Default: the whole line' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity?: number;
  @ApiProperty({
    example: 'quality-defect',
    description: 'A kebab code: quality-defect, wrong-size, changed-mind...',
  })
  @IsCode()
  reason!: string;
  @ApiProperty({
    description: 'A quality problem: photos, a defect description and proof of purchase are needed',
  })
  @IsBoolean()
  quality!: boolean;
  @ApiPropertyOptional({ example: 'The seam of the left sleeve split after two wears' })
  @IsOptional()
  @IsText()
  defectDescription?: string;
}

/** POST /returns/{id}/approve */
export class ApproveReturnDto {
  @ApiPropertyOptional({ description: 'A lead marks the case special: 15 days instead of 7' })
  @IsOptional()
  @IsBoolean()
  special?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsText() note?: string;
}

/** POST /returns/{id}/reject */
export class RejectReturnDto {
  @ApiProperty({ example: 'Worn and washed; not a quality fault' }) @IsText() reason!: string;
}

/** POST /returns/{id}/receive: what was checked when the goods came back. */
export class ReceiveGoodsDto {
  @ApiProperty() @IsBoolean() originalPackaging!: boolean;
  @ApiProperty() @IsBoolean() tags!: boolean;
  @ApiProperty() @IsBoolean() invoice!: boolean;
  @ApiProperty() @IsBoolean() intact!: boolean;
}

/** POST /returns/{id}/inspect */
export class InspectReturnDto {
  @ApiProperty({ example: 'Seam thread broken; manufacturing fault confirmed' }) @IsText() finding!: string;
}

/** POST /returns/{id}/exchange: the item given in place of the returned one. */
export class ExchangeDto {
  @ApiProperty({ example: 'JK-DOWN-BLK-L' }) @IsPlainRef() replacementSku!: string;
  @ApiPropertyOptional({ example: 'SN-8Q2W' }) @IsOptional() @IsPlainRef() replacementSerialNumber?: string;
}

/** POST /returns/{id}/steps without a body of its own (refund, complete). */
export class StepNoteDto {
  @ApiPropertyOptional() @IsOptional() @IsText() note?: string;
}

export class ListReturnsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: RETURN_STATUSES }) @IsOptional() @IsIn(RETURN_STATUSES) status?: ReturnStatus;
  @ApiPropertyOptional() @IsOptional() @IsPlainRef() storeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsPlainRef() orderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ description: 'Only returns past their step time limit' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

export const EVIDENCE_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
};
