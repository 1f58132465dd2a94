// The period an analytics request covers, resolved from its query. Pure: the clock is passed in.
import { DAY_MS, PeriodQuery, PeriodRules, resolvePeriod } from '@cx/platform';

export const DEFAULT_PERIOD_DAYS = 30;
/** Two years, one of them a leap year. */
export const MAX_PERIOD_DAYS = 731;

/** [from, to) and the period of the same length just before it, [previousFrom, from). */
export interface Period {
  from: Date;
  to: Date;
  timeZone: string;
  previousFrom: Date;
}

/**
 * Defaults: `to` is now, `from` is 30 days before `to`. The period must be non-empty and at most
 * two years long (analytics queries scan the period; longer ones belong in the CSV export per year).
 */
export const ANALYTICS_PERIOD: PeriodRules = {
  defaultTo: (now) => now,
  defaultFrom: (to) => new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS),
  latestTo: (from) => new Date(from.getTime() + MAX_PERIOD_DAYS * DAY_MS),
  tooLong: `the period must not be longer than ${MAX_PERIOD_DAYS} days (two years)`,
};

export function resolveAnalyticsPeriod(query: PeriodQuery, now: Date): Period {
  const { from, to, timeZone } = resolvePeriod(query, now, ANALYTICS_PERIOD);
  return { from, to, timeZone, previousFrom: new Date(from.getTime() - (to.getTime() - from.getTime())) };
}

/** A year back, for "the same period a year earlier" (repeat complaints -50%, seed 001). */
export const YEAR_MS = 365 * DAY_MS;
