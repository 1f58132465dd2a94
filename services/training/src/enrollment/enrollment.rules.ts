import {
  addCalendarDays,
  addCalendarMonths,
  LocalDate,
  parseCalendarDate,
  startOfLocalDay,
} from '@cx/platform';

// Pure rules of enrolments: no I/O, the time handed in, every case in enrollment.rules.spec.ts.

export const ENROLLMENT_STATUSES = ['enrolled', 'completed', 'failed', 'withdrawn'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** New staff complete the service-process courses within this many months of hire (seed 001). */
export const NEW_HIRE_MONTHS = 3;

/**
 * When a date-based due date runs out: at the end of that local day (the first instant of the next),
 * so a course due on the 1st can be completed until 23:59:59.999 of the 1st in the store's zone.
 */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return startOfLocalDay(addCalendarDays(date, 1), timeZone);
}

/** The service-process deadline of a new hire: the end of the local day 3 calendar months after hire. */
export function newHireDueAt(hireDate: string, timeZone: string): Date {
  const hire = parseCalendarDate(hireDate);
  if (!hire) throw new RangeError(`${hireDate} is not a YYYY-MM-DD date`);
  return endOfLocalDay(addCalendarMonths(hire, NEW_HIRE_MONTHS), timeZone);
}

/** The outcome of an assessment attempt on a course with `passingScore`, and whether attempts are left. */
export function attemptOutcome(
  score: number,
  passingScore: number,
  attemptsBefore: number,
  maxAttempts: number | null,
): { passed: boolean; attemptsLeft: number | null; refused: boolean } {
  if (maxAttempts !== null && attemptsBefore >= maxAttempts)
    return { passed: false, attemptsLeft: 0, refused: true };
  const passed = score >= passingScore;
  const attemptsLeft = maxAttempts === null ? null : maxAttempts - attemptsBefore - 1;
  return { passed, attemptsLeft, refused: false };
}
