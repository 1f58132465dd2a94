import type { KpiCounts } from './analytics.repository';

/** A share with what it rests on; `value` is null when there is nothing to divide by. */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

export const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  value: denominator > 0 ? numerator / denominator : null,
});

/**
 * The KPI formulas of the seeds, from the counts of one cohort of complaints (analytics.repository
 * kpiCounts): the one definition the admin scorecard (analytics.service) and early warning
 * (alert/early-warning.ts) both use.
 *
 * - resolution rate: solved / (received - withdrawn): a withdrawn complaint was neither solved nor left unsolved;
 * - first response in time: answered in time / complaints whose first-response clock can be judged
 *   (the target is every complaint, not the 90th percentile); resolution in time likewise;
 * - repeat rate and reopen rate: of the complaints received;
 * - satisfaction: satisfied / answered return visits.
 */
export function kpiRatios(c: KpiCounts) {
  return {
    resolutionRate: ratio(c.resolved, c.received - c.withdrawn),
    firstResponseInTime: ratio(c.firstResponseMet, c.firstResponseMet + c.firstResponseMissed),
    resolutionInTime: ratio(c.resolutionMet, c.resolutionMet + c.resolutionMissed),
    repeatRate: ratio(c.repeats, c.received),
    reopenRate: ratio(c.reopened, c.received),
    satisfaction: ratio(c.satisfied, c.surveyed),
  };
}

/** Complaint rate: complaints / orders, where orders are known (a store, or the whole chain). */
export const complaintRate = (c: KpiCounts, orders: number): Ratio => ratio(c.received, orders);
