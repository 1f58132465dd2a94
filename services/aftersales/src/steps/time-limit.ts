import { HOUR_MS } from '@cx/platform';

// Pure: the one time-limit rule every after-sales step follows, returns and repairs alike (time-limit.spec.ts).

/** Hours the owner of each step has; null for a final state. */
export type StepLimits<S extends string> = Record<S, number | null>;

/** When the step `status`, counted from `from`, is due; null when it has no limit. */
export function dueAfter<S extends string>(limits: StepLimits<S>, status: S, from: Date): Date | null {
  const hours = limits[status];
  return hours === null ? null : new Date(from.getTime() + hours * HOUR_MS);
}

/** Past its step's limit, to the millisecond: due at 10:00 is on time at 10:00, overdue at 10:00:00.001. */
export function isOverdue(r: { dueAt: Date | null }, now: Date): boolean {
  return r.dueAt !== null && now.getTime() > r.dueAt.getTime();
}
