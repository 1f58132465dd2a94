// The CX scorecard's complaint targets (shared/domain.md, "Company-wide targets"). Constants for now:
// the policy table has no column for them, so changing one is a code change (see docs/complaints/admin-api.md).

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

export const KPI_TARGETS = {
  satisfaction: { operator: '>=', value: 0.9, unit: 'fraction', source: 'seeds 001, 004' },
  resolutionRate: { operator: '>=', value: 0.95, unit: 'fraction', source: 'seeds 001, 004' },
  complaintRate: { operator: '<=', value: 0.01, unit: 'fraction', source: 'seed 001' },
  // "Respond within 24 h" (001, 003, 004) and "solve within 72 h" (003), held to nine complaints in ten.
  firstResponseTime: {
    operator: '<=',
    value: 24,
    unit: 'hours',
    statistic: 'p90',
    source: 'seeds 001, 003, 004',
  },
  resolutionTime: { operator: '<=', value: 72, unit: 'hours', statistic: 'p90', source: 'seed 003' },
} as const satisfies Record<string, KpiTarget>;

/** Whether a measured value meets its target; null when there is nothing measured. */
export function meetsTarget(value: number | null, target: KpiTarget): boolean | null {
  if (value === null) return null;
  return target.operator === '>=' ? value >= target.value : value <= target.value;
}
