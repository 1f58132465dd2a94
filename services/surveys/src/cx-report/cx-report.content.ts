// What one CX report says, gathered before it is drawn (cx-report.gatherer.ts) and kept with the
// report (its figures are the "before" of the measures that answer it).
import { HotSpotV1, ScorecardFigureCode, ServiceName } from '@cx/contracts';
import { OwnedScorecardFigure, Trend, UnavailableOwner } from '@cx/platform';
import { ReportLanguage, ReportWindow } from './cx-report.rules';

export interface TrendPoint {
  label: string;
  /** Satisfied answers / answers; null: no answers. */
  satisfaction: number | null;
  responses: number;
}

export interface ReportAlert {
  source: 'complaints' | 'surveys';
  metric: string;
  /** The store id, category code or touchpoint; `*` company-wide. */
  scope: string;
  value: number;
  threshold: number;
  raisedAt: Date;
}

export interface ReportAction {
  source: 'complaints' | 'surveys';
  title: string;
  department: string | null;
  ownerId: string;
  dueAt: Date;
  status: string;
}

export interface ReportMeasure {
  department: ServiceName;
  goal: string;
  ownerId: string;
  dueDate: string;
  kpi: ScorecardFigureCode;
  status: string;
  before: number | null;
  after: number | null;
  moved: Trend | null;
}

export interface CxReportContent {
  window: ReportWindow;
  storeId: string | null;
  language: ReportLanguage;
  timeZone: string;
  generatedAt: Date;
  figures: OwnedScorecardFigure[];
  unavailable: UnavailableOwner[];
  /** Satisfaction over the last periods of the report's kind, oldest first, this one last. */
  trend: TrendPoint[];
  /** Null when complaints did not answer. */
  hotSpots: { categories: HotSpotV1[]; stores: HotSpotV1[] } | null;
  alerts: ReportAlert[];
  correctiveActions: ReportAction[];
  /** The measures that answered the report before this one, each KPI before and after. */
  measures: ReportMeasure[];
}
