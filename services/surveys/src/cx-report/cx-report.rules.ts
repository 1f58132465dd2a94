// Pure rules of the periodic CX report (docs/surveys/reports.md): its periods and their labels, when a
// scheduled report is due, and how an improvement measure's KPI moved between two reports.
import { ScorecardFigureCode, ScorecardFigureV1 } from '@cx/contracts';
import {
  addLocalMonths,
  formatLocalDate,
  localDateOf,
  previousPeriodStart,
  startOfLocalDay,
  startOfPeriod,
  Trend,
  trendOf,
} from '@cx/platform';

export const REPORT_PERIODS = ['month', 'quarter'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export const REPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** `2026-11` for a month, `2026-Q4` for a quarter. */
export const PERIOD_LABEL = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

const MONTHS: Record<ReportPeriod, number> = { month: 1, quarter: 3 };

/** [from, to) of a report, the period before it [previousFrom, from), and its label. */
export interface ReportWindow {
  period: ReportPeriod;
  label: string;
  from: Date;
  to: Date;
  previousFrom: Date;
}

/** The window a label names, or null when the label is not one of its period (`2026-Q4` is no month). */
export function windowOf(period: ReportPeriod, label: string, timeZone: string): ReportWindow | null {
  const m = PERIOD_LABEL.exec(label);
  if (!m) return null;
  const [, year, month, quarter] = m;
  if ((period === 'month') !== (month !== undefined)) return null;
  const firstMonth = month ?? String((Number(quarter) - 1) * 3 + 1).padStart(2, '0');
  const from = startOfLocalDay(`${year}-${firstMonth}-01`, timeZone);
  const to = addLocalMonths(from, MONTHS[period], timeZone);
  return { period, label, from, to, previousFrom: previousPeriodStart(from, to, timeZone) };
}

/** The label of the period that contains `instant` in the zone. */
export function labelAt(period: ReportPeriod, instant: Date, timeZone: string): string {
  const start = localDateOf(startOfPeriod(instant, period, timeZone), timeZone);
  const [year, month] = formatLocalDate(start).split('-');
  return period === 'month' ? `${year}-${month}` : `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
}

/**
 * The last period that had closed at `now` (in the zone), once `graceMs` have passed since it closed:
 * the scheduled report of a month is made after the month ends, when the day's last answers and
 * complaints have committed. On 2026-12-01 00:30 local with an hour of grace, that is still October.
 */
export function lastClosedWindow(
  period: ReportPeriod,
  now: Date,
  timeZone: string,
  graceMs: number,
): ReportWindow {
  const current = startOfPeriod(new Date(now.getTime() - graceMs), period, timeZone);
  const closedStart = addLocalMonths(current, -MONTHS[period], timeZone);
  return windowOf(period, labelAt(period, closedStart, timeZone), timeZone)!;
}

/** The period before a label's: the report the measures of this one answered (`2026-11` -> `2026-10`). */
export function previousLabel(period: ReportPeriod, label: string, timeZone: string): string | null {
  const w = windowOf(period, label, timeZone);
  return w && labelAt(period, w.previousFrom, timeZone);
}

/** How a measure's KPI moved from the report it answered (before) to a later one (after). */
export interface KpiMove {
  before: number | null;
  after: number | null;
  /** In the direction of the KPI's target (a complaint rate that falls is better); null: not measured. */
  moved: Trend | null;
}

export function kpiMove(
  kpi: ScorecardFigureCode,
  before: Pick<ScorecardFigureV1, 'value' | 'target'> | undefined,
  after: Pick<ScorecardFigureV1, 'value' | 'target'> | undefined,
): KpiMove {
  const b = before?.value ?? null;
  const a = after?.value ?? null;
  return {
    before: b,
    after: a,
    moved: trendOf({ figure: kpi, value: a, previous: b, target: after?.target ?? before?.target ?? null }),
  };
}
