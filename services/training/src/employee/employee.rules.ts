import { DAY_MS, parseCalendarDate, startOfLocalDay } from '@cx/platform';

// Pure rules of staff records: no I/O, the time handed in, every case in employee.rules.spec.ts.

export const EMPLOYEE_STATUSES = ['active', 'left'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

/** How far ahead HR may announce a hire. */
export const MAX_HIRE_AHEAD_MS = 365 * DAY_MS;

/** The personal fields of an employee (encrypted, audited). */
export type PersonalField = 'name' | 'workEmail';

/** What the platform knows of an employee now. */
export interface StaffRecord {
  name: string;
  workEmail: string | null;
  storeId: string;
  department: string;
  role: string;
  hireDate: string;
  status: EmployeeStatus;
}

/** What HR sends for an employee. */
export interface StaffUpdate {
  name: string;
  workEmail: string | null;
  storeId: string;
  department: string;
  role: string;
  hireDate: string;
  /** Set when the employee has left. */
  leftAt: Date | null;
}

export type StaffChange =
  | { kind: 'unchanged' }
  | {
      kind: 'updated';
      /** Personal fields that changed (their names go to the audit log). */
      personal: PersonalField[];
      /** Store, department or role changed: a new assignment starts. */
      moved: boolean;
      left: boolean;
      rejoined: boolean;
    };

/** What an HR record changes on the one we hold. */
export function staffChange(current: StaffRecord, next: StaffUpdate): StaffChange {
  const personal: PersonalField[] = [];
  if (current.name !== next.name) personal.push('name');
  if ((current.workEmail ?? '').toLowerCase() !== (next.workEmail ?? '').toLowerCase())
    personal.push('workEmail');
  const moved =
    current.storeId !== next.storeId || current.department !== next.department || current.role !== next.role;
  const left = current.status === 'active' && next.leftAt !== null;
  const rejoined = current.status === 'left' && next.leftAt === null;
  if (personal.length === 0 && !moved && !left && !rejoined && current.hireDate === next.hireDate)
    return { kind: 'unchanged' };
  return { kind: 'updated', personal, moved, left, rejoined };
}

/** What is wrong with a hire date, or null: a real `YYYY-MM-DD`, at most a year ahead. */
export function hireDateProblem(hireDate: string, now: Date, timeZone: string): string | null {
  if (!parseCalendarDate(hireDate)) return 'hireDate must be a calendar date YYYY-MM-DD';
  if (startOfLocalDay(hireDate, timeZone).getTime() > now.getTime() + MAX_HIRE_AHEAD_MS)
    return 'hireDate is more than a year ahead';
  return null;
}

/**
 * What is wrong with the time a change takes effect (a move, a leave), or null: not in the future,
 * and not before the assignment it ends started (history is appended, never rewritten).
 */
export function effectiveAtProblem(at: Date, currentFrom: Date | null, now: Date): string | null {
  if (at.getTime() > now.getTime()) return 'is in the future';
  if (currentFrom && at.getTime() < currentFrom.getTime())
    return `is before the current assignment started (${currentFrom.toISOString()})`;
  return null;
}

/** The first assignment of a new employee starts with the first day of work, or now if that is later. */
export function firstAssignmentStart(hireDate: string, timeZone: string, now: Date): Date {
  const start = startOfLocalDay(hireDate, timeZone);
  return start.getTime() > now.getTime() ? now : start;
}

/** The assignment held at `instant`: from its start (included) to its end (excluded). */
export function assignmentAt<A extends { fromAt: Date; toAt: Date | null }>(
  assignments: A[],
  instant: Date,
): A | null {
  const t = instant.getTime();
  return (
    assignments.find((a) => a.fromAt.getTime() <= t && (a.toAt === null || t < a.toAt.getTime())) ?? null
  );
}
