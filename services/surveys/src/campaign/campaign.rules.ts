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
