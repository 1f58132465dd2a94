// The periods an analytics request covers, resolved from its query. Pure: the clock is passed in.
import {
  addLocalMonths,
  CalendarPeriod,
  PeriodQuery,
  PeriodRules,
  resolvePeriod,
  startOfNextPeriod,
  startOfPeriod,
} from '@cx/platform';

export const BUCKETS = ['month', 'quarter', 'year'] as const satisfies readonly CalendarPeriod[];
export type Bucket = (typeof BUCKETS)[number];
/** Three years of buckets at most: a longer history belongs in the CSV exports, a year at a time. */
export const MAX_MONTHS = 36;

export interface BucketedPeriodQuery extends PeriodQuery {
  period?: Bucket;
}

export interface Span {
  from: Date;
  to: Date;
}

export interface Periods extends Span {
  timeZone: string;
  bucket: Bucket;
  /** [from, to) cut at the bucket's calendar boundaries in the zone; the first and last may be partial. */
  buckets: Span[];
}

/**
 * Defaults: `to` is the end of the current bucket (this month), `from` twelve months before it. The
 * range must be non-empty and at most 36 months long.
 */
export function resolvePeriods(query: BucketedPeriodQuery, now: Date): Periods {
  const bucket = query.period ?? 'month';
  const rules: PeriodRules = {
    defaultTo: (at, timeZone) => startOfNextPeriod(at, bucket, timeZone),
    defaultFrom: (to, timeZone) => addLocalMonths(to, -12, timeZone),
    latestTo: (from, timeZone) => addLocalMonths(from, MAX_MONTHS, timeZone),
    tooLong: `the range must not be longer than ${MAX_MONTHS} months`,
  };
  const { from, to, timeZone } = resolvePeriod(query, now, rules);
  return { from, to, timeZone, bucket, buckets: bucketsOf({ from, to }, bucket, timeZone) };
}

export function bucketsOf(span: Span, bucket: Bucket, timeZone: string): Span[] {
  const out: Span[] = [];
  let start = span.from;
  while (start.getTime() < span.to.getTime()) {
    const next = startOfNextPeriod(start, bucket, timeZone);
    const end = next.getTime() < span.to.getTime() ? next : span.to;
    out.push({ from: start, to: end });
    start = end;
  }
  return out;
}

/** The same span a year earlier, on the zone's calendar (29 February maps to the 28th). */
export function yearEarlier(span: Span, timeZone: string): Span {
  return { from: addLocalMonths(span.from, -12, timeZone), to: addLocalMonths(span.to, -12, timeZone) };
}

/** The bucket's first instant for an instant inside it. */
export const bucketStart = (at: Date, bucket: Bucket, timeZone: string): Date =>
  startOfPeriod(at, bucket, timeZone);
