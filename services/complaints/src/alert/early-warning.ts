import type { KpiCounts } from '../analytics/analytics.repository';
import { complaintRate, kpiRatios, Ratio } from '../analytics/kpi-formulas';
import { repeatTarget } from '../analytics/targets';
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

/**
 * The figures of one store or category over the window, each with its target (the formulas:
 * analytics/kpi-formulas.ts): complaint rate (stores only), first responses in time, resolution rate,
 * satisfaction, and the repeat rate against half the rate of the same window a year earlier (seed 001:
 * repeat complaints -50%; no figure without last year's).
 */
export function figuresOf(
  c: KpiCounts,
  orders: number | null,
  t: KpiTargets,
  repeatRateYearBefore: number | null,
): Figure[] {
  const r = kpiRatios(c);
  const figure = (metric: AlertMetric, x: Ratio, operator: '>=' | '<=', target: number): Figure => ({
    metric,
    value: x.value,
    cases: x.denominator,
    operator,
    target,
  });
  const figures: Figure[] = [
    figure('first-response-in-time', r.firstResponseInTime, '>=', t.firstResponseInTime),
    figure('resolution-rate', r.resolutionRate, '>=', t.resolutionRate),
    figure('satisfaction', r.satisfaction, '>=', t.satisfaction),
  ];
  const repeat = repeatTarget(repeatRateYearBefore);
  if (repeat) figures.push(figure('repeat-rate', r.repeatRate, '<=', repeat.value));
  if (orders !== null)
    figures.unshift(figure('complaint-rate', complaintRate(c, orders), '<=', t.complaintRate));
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
