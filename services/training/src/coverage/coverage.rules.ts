import { assignmentAt } from '../employee/employee.rules';
import { newHireDueAt } from '../enrollment/enrollment.rules';

// Coverage of the service-process training (seed 001: 100 % of staff within 3 months of hire). Pure:
// the time and the zone handed in, every case in coverage.rules.spec.ts.

/** The target share of staff trained in time. */
export const COVERAGE_TARGET = 1;

/**
 * covered: every required course completed before the deadline; late: completed, after it; overdue:
 * the deadline has passed without; pending: the deadline has not come.
 */
export type CoverageState = 'covered' | 'late' | 'overdue' | 'pending';

export function coverageState(dueAt: Date, completedAt: Date | null, now: Date): CoverageState {
  if (completedAt) return completedAt.getTime() < dueAt.getTime() ? 'covered' : 'late';
  return now.getTime() >= dueAt.getTime() ? 'overdue' : 'pending';
}

/** What the coverage of one employee is computed from. */
export interface CoverageFacts {
  employeeId: string;
  hireDate: string;
  leftAt: Date | null;
  assignments: { storeId: string; department: string; fromAt: Date; toAt: Date | null }[];
  /** When each required course was first completed (null: not yet), one entry per required course. */
  completions: (Date | null)[];
}

export interface CoverageLine {
  employeeId: string;
  storeId: string;
  department: string;
  hireDate: string;
  dueAt: Date;
  completedAt: Date | null;
  state: CoverageState;
}

/**
 * The employee's line: deadline from the hire date in the zone, completion of the last required course,
 * and the store and department the employee was in at the deadline (or at leaving, or now, if earlier).
 * Null when nothing is required, or the employee left before the deadline (they never owed it).
 */
export function coverageLine(facts: CoverageFacts, timeZone: string, now: Date): CoverageLine | null {
  if (facts.completions.length === 0) return null;
  const dueAt = newHireDueAt(facts.hireDate, timeZone);
  if (facts.leftAt && facts.leftAt.getTime() < dueAt.getTime()) return null;
  const completedAt = facts.completions.some((c) => c === null)
    ? null
    : new Date(Math.max(...facts.completions.map((c) => c!.getTime())));
  const at = new Date(Math.min(dueAt.getTime(), now.getTime()) - 1);
  const where = assignmentAt(facts.assignments, at) ?? facts.assignments[facts.assignments.length - 1];
  if (!where) return null;
  return {
    employeeId: facts.employeeId,
    storeId: where.storeId,
    department: where.department,
    hireDate: facts.hireDate,
    dueAt,
    completedAt,
    state: coverageState(dueAt, completedAt, now),
  };
}

export interface CoverageFigure {
  /** Staff whose deadline fell in the period (and has passed). */
  due: number;
  covered: number;
  /** covered / due, null when nobody was due. */
  rate: number | null;
  meetsTarget: boolean | null;
}

/** The share covered in time among the lines whose deadline fell in [from, to) and has passed by now. */
export function coverageFigure(lines: CoverageLine[], from: Date, to: Date, now: Date): CoverageFigure {
  const end = Math.min(to.getTime(), now.getTime());
  const due = lines.filter((l) => l.dueAt.getTime() >= from.getTime() && l.dueAt.getTime() <= end);
  const covered = due.filter((l) => l.state === 'covered').length;
  const rate = due.length === 0 ? null : covered / due.length;
  return { due: due.length, covered, rate, meetsTarget: rate === null ? null : rate >= COVERAGE_TARGET };
}
