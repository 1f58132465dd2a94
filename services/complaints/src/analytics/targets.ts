// The CX scorecard's complaint targets as the lead sets them (PUT /api/v1/admin/policies/kpi-targets;
// docs/complaints/admin-api.md), with the direction and unit each is judged in.
import type { KpiTargets } from '../policy/policy.entity';

export type TargetOperator = '>=' | '<=';
export type TargetUnit = 'fraction' | 'hours';

export interface KpiTarget {
  operator: TargetOperator;
  value: number;
  unit: TargetUnit;
  /** For durations: which statistic is held to the target. */
  statistic?: 'p90';
  /** The policy setting the value comes from (GET /admin/policies: `kpiTargets.<field>`). */
  source: string;
}

/** The targets the KPIs are judged by: the lead's values with their direction, unit and origin. */
export function kpiTargets(t: KpiTargets) {
  return {
    satisfaction: {
      operator: '>=',
      value: t.satisfaction,
      unit: 'fraction',
      source: 'kpiTargets.satisfaction',
    },
    resolutionRate: {
      operator: '>=',
      value: t.resolutionRate,
      unit: 'fraction',
      source: 'kpiTargets.resolutionRate',
    },
    complaintRate: {
      operator: '<=',
      value: t.complaintRate,
      unit: 'fraction',
      source: 'kpiTargets.complaintRate',
    },
    // The seeds hold the first response to every complaint (001, 003, 004): 1 unless the lead changes it.
    firstResponseSla: {
      operator: '>=',
      value: t.firstResponseInTime,
      unit: 'fraction',
      source: 'kpiTargets.firstResponseInTime',
    },
    // And every complaint solved within its solution time (003).
    resolutionSla: {
      operator: '>=',
      value: EVERY_COMPLAINT,
      unit: 'fraction',
      source: 'seed 003: every complaint solved within its solution time',
    },
    // "Respond within 24 h" and "solve within 72 h" (docs/complaints/sla.md), held to nine complaints in ten.
    firstResponseTime: {
      operator: '<=',
      value: t.firstResponseHoursP90,
      unit: 'hours',
      statistic: 'p90',
      source: 'kpiTargets.firstResponseHoursP90',
    },
    resolutionTime: {
      operator: '<=',
      value: t.resolutionHoursP90,
      unit: 'hours',
      statistic: 'p90',
      source: 'kpiTargets.resolutionHoursP90',
    },
  } as const satisfies Record<string, KpiTarget>;
}

/** The share the seeds hold the solution clock to: every complaint in time. */
export const EVERY_COMPLAINT = 1;

/** Repeat complaints -50% against the same period a year earlier (seed 001). */
export const REPEAT_REDUCTION = 0.5;

/** The repeat rate's target: half the rate of the same period a year earlier; none without one. */
export function repeatTarget(rateYearBefore: number | null): KpiTarget | null {
  if (rateYearBefore === null) return null;
  return {
    operator: '<=',
    value: rateYearBefore * REPEAT_REDUCTION,
    unit: 'fraction',
    source: 'seed 001: repeat complaints -50% against the same period a year earlier',
  };
}

/** Whether a measured value meets its target; null when there is nothing measured. */
export function meetsTarget(value: number | null, target: KpiTarget): boolean | null {
  if (value === null) return null;
  return target.operator === '>=' ? value >= target.value : value <= target.value;
}
