// Pure rules of the company scorecard's training figures (company-scorecard.rules.spec.ts).
import { formatLocalDate, localDateOf, startOfNextPeriod, startOfPeriod } from '@cx/platform';

/**
 * The months (YYYY-MM) whose first day, in the zone, falls in [from, to): the staff survey is recorded
 * per month, so a period counts the surveys of the months that start in it.
 */
export function monthsStartingIn(from: Date, to: Date, timeZone: string): string[] {
  const months: string[] = [];
  let start = startOfPeriod(from, 'month', timeZone);
  if (start.getTime() < from.getTime()) start = startOfNextPeriod(from, 'month', timeZone);
  while (start.getTime() < to.getTime()) {
    months.push(formatLocalDate(localDateOf(start, timeZone)).slice(0, 7));
    start = startOfNextPeriod(start, 'month', timeZone);
  }
  return months;
}
