import type { KpiCounts } from '../analytics/analytics.repository';
import { REPEAT_REDUCTION } from '../analytics/targets';
import type { KpiTargets } from '../policy/policy.entity';

/** The figures early warning watches per store and per category (seed 001 (6)). */
export const ALERT_METRICS = [
  'complaint-rate',
  'first-response-in-time',
  'resolution-rate',
  'satisfaction',
  'repeat-rate',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export interface Figure {
  metric: AlertMetric;
  /** Null when there is nothing to divide by. */
  value: number | null;
  /** How many cases the figure rests on (the denominator). */
  cases: number;
  operator: '>=' | '<=';
  target: number;
}

export const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/**
 * The figures of one store or category over the window, each with its target: complaint rate
 * (complaints / orders, stores only), first responses in time (of those judged), resolution rate
 * (solved / received minus withdrawn), satisfaction (satisfied / answered return visits), repeat rate
 * (repeats / received) against half the rate of the same window a year earlier (seed 001: repeat
 * complaints -50%; no figure without last year's).
 */
export function figuresOf(
  c: KpiCounts,
  orders: number | null,
  t: KpiTargets,
  repeatRateYearBefore: number | null,
): Figure[] {
  const handled = c.received - c.withdrawn;
  const judged = c.firstResponseMet + c.firstResponseMissed;
  const figures: Figure[] = [
    {
      metric: 'first-response-in-time',
      value: ratio(c.firstResponseMet, judged),
      cases: judged,
      operator: '>=',
      target: t.firstResponseInTime,
    },
    {
      metric: 'resolution-rate',
      value: ratio(c.resolved, handled),
      cases: handled,
      operator: '>=',
      target: t.resolutionRate,
    },
    {
      metric: 'satisfaction',
      value: ratio(c.satisfied, c.surveyed),
      cases: c.surveyed,
      operator: '>=',
      target: t.satisfaction,
    },
  ];
  if (repeatRateYearBefore !== null)
    figures.push({
      metric: 'repeat-rate',
      value: ratio(c.repeats, c.received),
      cases: c.received,
      operator: '<=',
      target: repeatRateYearBefore * REPEAT_REDUCTION,
    });
  if (orders !== null)
    figures.unshift({
      metric: 'complaint-rate',
      value: ratio(c.received, orders),
      cases: orders,
      operator: '<=',
      target: t.complaintRate,
    });
  return figures;
}

export type AlertDecision = 'raise' | 'recover' | 'keep';

/**
 * Hysteresis: one alert per breach. A figure below target with enough cases raises an alert unless one
 * is open; an open alert recovers only when the figure meets its target again (with enough cases); a
 * figure on too few cases decides nothing either way.
 */
export function decide(f: Figure, open: boolean, minCases: number): AlertDecision {
  if (f.value === null || f.cases < minCases) return 'keep';
  const meets = f.operator === '>=' ? f.value >= f.target : f.value <= f.target;
  if (!meets) return open ? 'keep' : 'raise';
  return open ? 'recover' : 'keep';
}
