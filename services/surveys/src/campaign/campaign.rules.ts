import { DAY_MS } from '@cx/platform';

/**
 * When the n-th member of a campaign is invited: members are spread evenly over `spreadDays` days
 * from the start, so a large segment does not receive its invitations (nor answer) in one hour.
 */
export function spreadSendAt(startAt: Date, n: number, members: number, spreadDays: number): Date {
  if (members <= 1) return startAt;
  const step = (spreadDays * DAY_MS) / members;
  return new Date(startAt.getTime() + Math.floor(n * step));
}

/**
 * How many of a campaign's first members are due by `horizon`: those whose spreadSendAt is at or
 * before it (send times grow with n, so it is a count from the first). Found with spreadSendAt itself.
 */
export function dueMembers(startAt: Date, members: number, spreadDays: number, horizon: Date): number {
  let lo = 0;
  let hi = members;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (spreadSendAt(startAt, mid, members, spreadDays) <= horizon) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
