import { DAY_MS } from '@cx/platform';

// When missed standards call for remedial training, and what counts as one cause. Pure: the cases
// in remedial.rules.spec.ts.

/**
 * What a mapping row answers: a failed audit item of a touchpoint, repeated SLA breaches in a month,
 * low customer satisfaction in a month, a complaint cause.
 */
export const REMEDIAL_KINDS = [
  'audit-touchpoint',
  'sla-breaches',
  'low-satisfaction',
  'complaint-cause',
] as const;
export type RemedialKind = (typeof REMEDIAL_KINDS)[number];

/** The code of the kinds that have one course for all cases. */
export const ANY_CODE = 'any';

export interface RemedialSettings {
  /** Breaches of one employee in a month that call for remedial training. */
  breachThreshold: number;
  /** Satisfaction (percent) below which an employee gets remedial training... */
  satisfactionThresholdPct: number;
  /** ...once the month has this many answers. */
  satisfactionMinResponses: number;
  /** Days a remedial enrolment is due in. */
  dueDays: number;
}

/** The cause a remedial enrolment answers: one enrolment per employee, course and cause. */
export const causeOf = {
  auditItem: (auditId: string, itemId: string) => `audit:${auditId}:${itemId}`,
  breaches: (month: string) => `sla-breaches:${month}`,
  satisfaction: (month: string) => `low-satisfaction:${month}`,
  complaint: (complaintId: string, cause: string) => `complaint:${complaintId}:${cause}`,
};

export function breachesCallForTraining(breaches: number, s: RemedialSettings): boolean {
  return breaches >= s.breachThreshold;
}

export function satisfactionCallsForTraining(
  satisfied: number,
  responses: number,
  s: RemedialSettings,
): boolean {
  return (
    responses >= s.satisfactionMinResponses && (100 * satisfied) / responses < s.satisfactionThresholdPct
  );
}

export function remedialDueAt(now: Date, s: RemedialSettings): Date {
  return new Date(now.getTime() + s.dueDays * DAY_MS);
}
