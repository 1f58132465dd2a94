// The period an analytics request covers, resolved from its query. Pure: the clock is passed in.
import { DAY_MS, RequestValidationError, startOfLocalDay } from '@cx/platform';

export const DEFAULT_PERIOD_DAYS = 30;
/** Two years, one of them a leap year. */
export const MAX_PERIOD_DAYS = 731;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface PeriodQuery {
  from?: string;
  to?: string;
  timeZone?: string;
}

/** [from, to) and the period of the same length just before it, [previousFrom, from). */
export interface Period {
  from: Date;
  to: Date;
  timeZone: string;
  previousFrom: Date;
}

/** A date (local midnight in the zone) or a date-time with an offset (an instant). */
function instantOf(value: string, timeZone: string): Date {
  return DATE_ONLY.test(value) ? startOfLocalDay(value, timeZone) : new Date(value);
}

/**
 * Defaults: `to` is now, `from` is 30 days before `to`. The period must be non-empty and at most
 * two years long (analytics queries scan the period; longer ones belong in the CSV export per year).
 */
export function resolvePeriod(query: PeriodQuery, now: Date): Period {
  const timeZone = query.timeZone ?? 'UTC';
  const to = query.to !== undefined ? instantOf(query.to, timeZone) : now;
  const from =
    query.from !== undefined
      ? instantOf(query.from, timeZone)
      : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (to.getTime() <= from.getTime())
    throw RequestValidationError.field(
      'to',
      `to (${to.toISOString()}) must be later than from (${from.toISOString()})`,
    );
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS)
    throw RequestValidationError.field(
      'from',
      `the period must not be longer than ${MAX_PERIOD_DAYS} days (two years)`,
    );
  return { from, to, timeZone, previousFrom: new Date(from.getTime() - (to.getTime() - from.getTime())) };
}
