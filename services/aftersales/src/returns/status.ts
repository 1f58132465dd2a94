import { dueAfter, StepLimits } from '../steps/time-limit';

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
export const STEP_LIMIT_HOURS: StepLimits<ReturnStatus> = {
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

/** When the step entered at `at` is due, or null for a final state (the rule of steps/time-limit.ts). */
export function stepDueAt(status: ReturnStatus, at: Date): Date | null {
  return dueAfter(STEP_LIMIT_HOURS, status, at);
}
