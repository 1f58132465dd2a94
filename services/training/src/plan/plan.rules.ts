import { parseCalendarDate } from '@cx/platform';
import { endOfLocalDay } from '../enrollment/enrollment.rules';

// Pure rules of training plans: every case in plan.rules.spec.ts.

/** Pre-job, on-job and rotation training (seed 003 ch. 5). */
export const PLAN_KINDS = ['pre-job', 'on-job', 'rotation'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** Who a plan is for: every field given must match; none given is everybody. */
export interface Audience {
  storeId: string | null;
  department: string | null;
  role: string | null;
}

export function inAudience(a: Audience, e: { storeId: string; department: string; role: string }): boolean {
  return (
    (a.storeId === null || a.storeId === e.storeId) &&
    (a.department === null || a.department === e.department) &&
    (a.role === null || a.role === e.role)
  );
}

/** A plan course is due at the end of its due date in the zone; the date must fall in the plan's year. */
export function planDueAt(dueOn: string, timeZone: string): Date {
  const d = parseCalendarDate(dueOn);
  if (!d) throw new RangeError(`${dueOn} is not a YYYY-MM-DD date`);
  return endOfLocalDay(d, timeZone);
}

export function dueOnProblem(dueOn: string, year: number): string | null {
  const d = parseCalendarDate(dueOn);
  if (!d) return 'dueOn must be a calendar date YYYY-MM-DD';
  if (d.year !== year) return `dueOn must fall in the plan's year ${year}`;
  return null;
}
