import { ApiProperty } from '@nestjs/swagger';
import { ImprovementMeasureEntity } from './improvement-measure.entity';
import { isActive } from './improvement-measure.rules';

/**
 * A improvement measure as the API answers it: controllers return views, never entities. The create's answer is
 * kept with its Idempotency-Key for the retention period, so it carries no personal data (ADR 12).
 */
export class ImprovementMeasureView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'north-region' }) code!: string;
  @ApiProperty({ example: 'North region' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'ERP-000123' }) externalRef!: string | null;
  @ApiProperty({ format: 'date-time' }) activeFrom!: string;
  @ApiProperty({ description: 'activeFrom has come' }) active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'E10001' }) createdBy!: string;
}

export function toImprovementMeasureView(
  improvementMeasure: ImprovementMeasureEntity,
  now: Date,
): ImprovementMeasureView {
  return {
    id: improvementMeasure.id,
    code: improvementMeasure.code,
    name: improvementMeasure.name,
    externalRef: improvementMeasure.externalRef,
    activeFrom: improvementMeasure.activeFrom.toISOString(),
    active: isActive(improvementMeasure, now),
    createdAt: improvementMeasure.createdAt.toISOString(),
    createdBy: improvementMeasure.createdBy,
  };
}
