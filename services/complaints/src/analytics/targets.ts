// The CX scorecard's complaint targets (shared/domain.md, "Company-wide targets"), as the lead sets
// them (PUT /api/v1/admin/policies/kpi-targets; the migration seeds the scorecard's values).
import type { KpiTargets } from '../policy/policy.entity';

export type TargetOperator = '>=' | '<=';
export type TargetUnit = 'fraction' | 'hours';

export interface KpiTarget {
  operator: TargetOperator;
  value: number;
  unit: TargetUnit;
  /** For durations: which statistic is held to the target. */
  statistic?: 'p90';
  /** The policy seeds the target comes from. */
  source: string;
}

/** The targets the KPIs are judged by: the lead's values with their direction, unit and origin. */
export function kpiTargets(t: KpiTargets) {
  return {
    satisfaction: { operator: '>=', value: t.satisfaction, unit: 'fraction', source: 'seeds 001, 004' },
    resolutionRate: { operator: '>=', value: t.resolutionRate, unit: 'fraction', source: 'seeds 001, 004' },
    complaintRate: { operator: '<=', value: t.complaintRate, unit: 'fraction', source: 'seed 001' },
    // "Respond within 24 h" (001, 003, 004) and "solve within 72 h" (003), held to nine complaints in ten.
    firstResponseTime: {
      operator: '<=',
      value: t.firstResponseHoursP90,
      unit: 'hours',
      statistic: 'p90',
      source: 'seeds 001, 003, 004',
    },
    resolutionTime: {
      operator: '<=',
      value: t.resolutionHoursP90,
      unit: 'hours',
      statistic: 'p90',
      source: 'seed 003',
    },
  } as const satisfies Record<string, KpiTarget>;
}

/** Whether a measured value meets its target; null when there is nothing measured. */
export function meetsTarget(value: number | null, target: KpiTarget): boolean | null {
  if (value === null) return null;
  return target.operator === '>=' ? value >= target.value : value <= target.value;
}
