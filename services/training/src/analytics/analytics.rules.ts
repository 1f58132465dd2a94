import { monthSpan } from '../scorecard/scorecard.rules';

// The lead's training figures per month. Pure: the cases in analytics.rules.spec.ts.

/** The 12 months of a year, YYYY-MM. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** [from, to) of a year in the zone. */
export function yearSpan(year: number, timeZone: string): { from: Date; to: Date } {
  return { from: monthSpan(`${year}-01`, timeZone).from, to: monthSpan(`${year}-12`, timeZone).to };
}

export interface MonthCounts {
  enrolled: number;
  completed: number;
  failed: number;
  attempts: number;
  passed: number;
}

export interface MonthFigures extends MonthCounts {
  month: string;
  /** Completed among enrolments closed in the month (completed or failed), in percent. */
  completionRatePct: number | null;
  /** Passed among attempts, in percent. */
  passRatePct: number | null;
}

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((10_000 * part) / whole) / 100);

export function monthFigures(month: string, c: MonthCounts): MonthFigures {
  return {
    month,
    ...c,
    completionRatePct: pct(c.completed, c.completed + c.failed),
    passRatePct: pct(c.passed, c.attempts),
  };
}
