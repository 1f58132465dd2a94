// Pure rules of an improvement measure (improvement-measure.rules.spec.ts): who may answer for a
// department, which due dates are taken, and how its status moves.
import { SERVICES } from '@cx/contracts';
import { addCalendarDays, formatLocalDate, localDateOf, Principal } from '@cx/platform';

export const MEASURE_STATUSES = ['planned', 'in-progress', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** The departments that answer a report: the five services, each run by the lead whose `dept` names it. */
export const MEASURE_DEPARTMENTS = SERVICES;

/** How many days past the last day of the report's period a due date may lie. */
const MAX_DUE_DAYS_AFTER = 366;

/**
 * Whether `who` may answer for `department`: an admin for any, a lead only for the department their
 * `dept` claim names (the route lets a lead of any department in: @AnyLead).
 */
export function mayAnswerFor(who: Pick<Principal, 'roles' | 'dept'>, department: string): boolean {
  if (who.roles.includes('admin')) return true;
  return who.dept === department;
}

/** What is wrong with a due date (YYYY-MM-DD), judged on the report's calendar, or null. */
export function dueDateProblem(dueDate: string, reportTo: Date, timeZone: string): string | null {
  const lastDay = localDateOf(new Date(reportTo.getTime() - 1), timeZone);
  const periodEnd = formatLocalDate(lastDay);
  if (dueDate < periodEnd) return `dueDate must not be before the report's period ends (${periodEnd})`;
  const latest = formatLocalDate(addCalendarDays(lastDay, MAX_DUE_DAYS_AFTER));
  if (dueDate > latest) return `dueDate must be within ${MAX_DUE_DAYS_AFTER} days of the report's period`;
  return null;
}

/** planned -> in-progress -> done; anything not done may be dropped; done and dropped are final. */
const NEXT: Record<MeasureStatus, readonly MeasureStatus[]> = {
  planned: ['in-progress', 'done', 'dropped'],
  'in-progress': ['done', 'dropped'],
  done: [],
  dropped: [],
};

/** The statuses a measure in `from` may move to now (none once done or dropped). */
export const nextStatuses = (from: MeasureStatus): readonly MeasureStatus[] => NEXT[from];

export function canMove(from: MeasureStatus, to: MeasureStatus): boolean {
  return from === to || NEXT[from].includes(to);
}
