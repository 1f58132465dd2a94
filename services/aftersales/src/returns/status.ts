import { HOUR_MS } from '@cx/platform';

// Pure: the return's steps, which follows which, and each step's time limit (status.spec.ts).

export const RETURN_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'goods-received',
  'inspected',
  'refunded',
  'exchanged',
  'completed',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

const NEXT: Record<ReturnStatus, readonly ReturnStatus[]> = {
  requested: ['approved', 'rejected'],
  approved: ['goods-received', 'rejected'],
  'goods-received': ['inspected', 'rejected'],
  inspected: ['refunded', 'exchanged', 'rejected'],
  refunded: ['completed'],
  exchanged: ['completed'],
  rejected: [],
  completed: [],
};

/**
 * How long the owner of each step has (seed 004: first response within 24 h). Null for the ends.
 * approved: the customer has a week to bring or send the goods back.
 */
export const STEP_LIMIT_HOURS: Record<ReturnStatus, number | null> = {
  requested: 24,
  approved: 168,
  'goods-received': 48,
  inspected: 24,
  refunded: 24,
  exchanged: 24,
  rejected: null,
  completed: null,
};

export function canMove(from: ReturnStatus, to: ReturnStatus): boolean {
  return NEXT[from].includes(to);
}

/** When the step entered at `at` is due, or null for a final state. */
export function stepDueAt(status: ReturnStatus, at: Date): Date | null {
  const hours = STEP_LIMIT_HOURS[status];
  return hours === null ? null : new Date(at.getTime() + hours * HOUR_MS);
}

/** Past its step's limit, to the millisecond: due at 10:00 is on time at 10:00, overdue at 10:00:00.001. */
export function isOverdue(r: { dueAt: Date | null }, now: Date): boolean {
  return r.dueAt !== null && now.getTime() > r.dueAt.getTime();
}
