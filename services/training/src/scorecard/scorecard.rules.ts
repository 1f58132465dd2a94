import {
  formatLocalDate,
  localDateOf,
  parseCalendarDate,
  startOfLocalDay,
  startOfNextPeriod,
} from '@cx/platform';

// Monthly scorecards (seed 001 (5), 004 ch. 12): weighting, minimum samples, rankings with ties, star
// employees, months in the store's zone. Pure: every case in scorecard.rules.spec.ts.

/**
 * The weighted parts of a score, each a figure from 0 to 100. Sales (from crm's purchases) is the
 * amount sold as a share of the month's best in the same scope; its weight is 0 unless the lead sets one.
 */
export const METRICS = ['satisfaction', 'compliance', 'complaintHandling', 'training', 'sales'] as const;
export type Metric = (typeof METRICS)[number];

/** The lead's settings. */
export interface ScorecardPolicy {
  /** Relative weights (>= 0); a metric of weight 0 does not count. */
  weights: Record<Metric, number>;
  /** Samples a metric needs in the month to count (survey answers, audits, resolved complaints, attempts, sales). */
  minSamples: Record<Metric, number>;
  /** Star service employees per month. */
  starCount: number;
}

/** The share of staff satisfied in a staff survey that the company aims for (seed 001: >= 85 %). */
export const STAFF_SATISFACTION_TARGET = 85;

export interface MetricInput {
  /** 0..100, null without samples. */
  value: number | null;
  samples: number;
}

export interface ScoreResult {
  /** Weighted mean of the metrics that reached their minimum, rounded to 2 decimals; null if none did. */
  score: number | null;
  /** Every metric with a weight reached its minimum: eligible for awards. */
  clearsMinimums: boolean;
  /** The metrics that counted. */
  counted: Metric[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function scoreOf(inputs: Record<Metric, MetricInput>, policy: ScorecardPolicy): ScoreResult {
  let weighted = 0;
  let weights = 0;
  let clears = true;
  const counted: Metric[] = [];
  for (const m of METRICS) {
    const w = policy.weights[m];
    if (w <= 0) continue;
    const { value, samples } = inputs[m];
    if (value === null || samples < Math.max(1, policy.minSamples[m])) {
      clears = false;
      continue;
    }
    weighted += w * value;
    weights += w;
    counted.push(m);
  }
  return {
    score: weights === 0 ? null : round2(weighted / weights),
    clearsMinimums: clears && weights > 0,
    counted,
  };
}

/**
 * Competition ranking (1, 2, 2, 4): higher score first, equal scores share a rank, the next rank skips.
 * Items without a score get no rank.
 */
export function rankWithTies<T>(items: T[], score: (t: T) => number | null): Map<T, number | null> {
  const ranks = new Map<T, number | null>(items.map((t) => [t, null]));
  const scored = items.filter((t) => score(t) !== null).sort((a, b) => score(b)! - score(a)!);
  scored.forEach((t, i) => {
    const prev = scored[i - 1];
    ranks.set(t, i > 0 && score(prev) === score(t) ? ranks.get(prev)! : i + 1);
  });
  return ranks;
}

/**
 * Star service employees: the top `n` of those who clear every minimum, ranked among themselves; ties
 * at the boundary are all in (two sharing third place with n = 3 both win).
 */
export function starEmployees<T extends { score: number | null; clearsMinimums: boolean }>(
  cards: T[],
  n: number,
): { card: T; rank: number }[] {
  const eligible = cards.filter((c) => c.clearsMinimums && c.score !== null);
  const ranks = rankWithTies(eligible, (c) => c.score);
  return eligible
    .map((card) => ({ card, rank: ranks.get(card)! }))
    .filter((x) => x.rank <= n)
    .sort((a, b) => a.rank - b.rank);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month (YYYY-MM) of an instant in the store's zone. */
export function monthOf(instant: Date, timeZone: string): string {
  return formatLocalDate(localDateOf(instant, timeZone)).slice(0, 7);
}

/** [from, to) of a month in a zone: local midnight of the 1st to local midnight of the next 1st. */
export function monthSpan(month: string, timeZone: string): { from: Date; to: Date } {
  const first = parseCalendarDate(`${month}-01`);
  if (!isMonth(month) || !first) throw new RangeError(`${month} is not a YYYY-MM month`);
  const from = startOfLocalDay(first, timeZone);
  return { from, to: startOfNextPeriod(from, 'month', timeZone) };
}

/** Share in percent (0..100), null without samples. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : round2((100 * part) / whole);
}
