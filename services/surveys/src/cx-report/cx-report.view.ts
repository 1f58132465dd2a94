import { OwnedScorecardFigureView, toOwnedScorecardFigureView } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';
import { CxReportEntity, REPORT_TRIGGERS, ReportTrigger } from './cx-report.entity';
import { REPORT_LANGUAGES, REPORT_PERIODS, ReportLanguage, ReportPeriod } from './cx-report.rules';

/** A CX report as the API answers it; the PDF is at `pdf`. No personal data (ADR 12). */
export class CxReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REPORT_PERIODS }) period!: ReportPeriod;
  @ApiProperty({ example: '2026-11' }) label!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: the whole company' })
  storeId!: string | null;
  @ApiProperty({ enum: REPORT_LANGUAGES }) language!: ReportLanguage;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ enum: REPORT_TRIGGERS }) trigger!: ReportTrigger;
  @ApiProperty({ example: 182_304 }) sizeBytes!: number;
  @ApiProperty({ example: 2, description: 'Figures that missed their target' }) missed!: number;
  @ApiProperty({ type: [String], description: 'Services that did not answer while it was made' })
  unavailable!: string[];
  @ApiProperty({ type: [OwnedScorecardFigureView], description: 'In the order of the targets table' })
  figures!: OwnedScorecardFigureView[];
  @ApiProperty({ example: '/api/v1/cx-reports/0196…/pdf' }) pdf!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'scheduler' }) createdBy!: string;
}

export const pdfPathOf = (id: string): string => `/api/v1/cx-reports/${id}/pdf`;

export function toCxReportView(r: CxReportEntity): CxReportView {
  return {
    id: r.id,
    period: r.period,
    label: r.label,
    from: r.periodFrom.toISOString(),
    to: r.periodTo.toISOString(),
    storeId: r.storeId,
    language: r.language,
    timeZone: r.timeZone,
    trigger: r.trigger,
    sizeBytes: r.sizeBytes,
    missed: r.missed,
    unavailable: r.unavailable,
    figures: r.figures.map(toOwnedScorecardFigureView),
    pdf: pdfPathOf(r.id),
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
  };
}
