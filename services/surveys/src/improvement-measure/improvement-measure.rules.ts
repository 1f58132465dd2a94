import { DAY_MS } from '@cx/platform';

// Pure rules of a improvement measure: no I/O, the time handed in, every case in improvement-measure.rules.spec.ts.

/** How far ahead a new improvement measure may start counting. */
export const MAX_START_AHEAD_MS = 365 * DAY_MS;

/** It counts from activeFrom on, to the millisecond. */
export function isActive(improvementMeasure: { activeFrom: Date }, now: Date): boolean {
  return improvementMeasure.activeFrom.getTime() <= now.getTime();
}

/** What is wrong with the activeFrom of a new improvement measure, or null when nothing is. */
export function activeFromProblem(activeFrom: Date, now: Date): string | null {
  if (activeFrom.getTime() > now.getTime() + MAX_START_AHEAD_MS)
    return 'activeFrom is more than a year ahead';
  return null;
}
