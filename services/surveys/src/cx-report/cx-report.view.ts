import { ApiProperty } from '@nestjs/swagger';
import { CxReportEntity } from './cx-report.entity';
import { isActive } from './cx-report.rules';

/**
 * A cx report as the API answers it: controllers return views, never entities. The create's answer is
 * kept with its Idempotency-Key for the retention period, so it carries no personal data (ADR 12).
 */
export class CxReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'north-region' }) code!: string;
  @ApiProperty({ example: 'North region' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'ERP-000123' }) externalRef!: string | null;
  @ApiProperty({ format: 'date-time' }) activeFrom!: string;
  @ApiProperty({ description: 'activeFrom has come' }) active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'E10001' }) createdBy!: string;
}

export function toCxReportView(cxReport: CxReportEntity, now: Date): CxReportView {
  return {
    id: cxReport.id,
    code: cxReport.code,
    name: cxReport.name,
    externalRef: cxReport.externalRef,
    activeFrom: cxReport.activeFrom.toISOString(),
    active: isActive(cxReport, now),
    createdAt: cxReport.createdAt.toISOString(),
    createdBy: cxReport.createdBy,
  };
}
