import type { OwnedScorecardFigure } from '@cx/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReportLanguage, ReportPeriod } from './cx-report.rules';

export const REPORT_TRIGGERS = ['schedule', 'request'] as const;
export type ReportTrigger = (typeof REPORT_TRIGGERS)[number];

/**
 * One periodic CX report: its period and scope, the PDF in file storage (ADR 15), and the scorecard
 * figures it showed (the "before" of the improvement measures that answer it). Columns are snake_case.
 */
@Entity('cx_report')
@Index(['createdAt', 'id'])
export class CxReportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') period!: ReportPeriod;
  /** `2026-11`, `2026-Q4`. */
  @Column('text') label!: string;
  @Column('timestamptz') periodFrom!: Date;
  @Column('timestamptz') periodTo!: Date;
  /** One store; null: the whole company. */
  @Column('text', { nullable: true }) storeId!: string | null;
  @Column('text') language!: ReportLanguage;
  @Column('text') timeZone!: string;
  @Column('text') trigger!: ReportTrigger;
  /** The PDF in stored_file. */
  @Column('uuid') fileId!: string;
  @Column('int') sizeBytes!: number;
  @Column('jsonb') figures!: OwnedScorecardFigure[];
  @Column('int') missed!: number;
  /** Services that did not answer while it was made. */
  @Column('text', { array: true }) unavailable!: string[];
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
