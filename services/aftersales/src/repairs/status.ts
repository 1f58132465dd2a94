import { HOUR_MS } from '@cx/platform';
import { dueAfter, StepLimits } from '../steps/time-limit';

// Pure: the 8 steps of seed 004 as states, which follows which, and each step's time limit (status.spec.ts).

export const REPAIR_STATUSES = [
  'requested',
  'scheduled',
  'inspected',
  'repaired',
  'confirmed',
  'completed',
  'cancelled',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/** Appointments are one-hour slots on the hour. */
export const SLOT_MS = HOUR_MS;

const NEXT: Record<RepairStatus, readonly RepairStatus[]> = {
  requested: ['scheduled', 'cancelled'],
  // Rescheduling stays scheduled; inspection comes before any repair ("inspect first, then repair").
  scheduled: ['scheduled', 'inspected', 'cancelled'],
  inspected: ['repaired', 'cancelled'],
  repaired: ['confirmed'],
  confirmed: ['completed'],
  completed: [],
  cancelled: [],
};

export function canMoveRepair(from: RepairStatus, to: RepairStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * How long the owner of each step has, in hours; null for the ends. requested: the first response (an
 * appointment agreed) within 24 h (seed 004). scheduled: the findings within 24 h of the appointment's end,
 * not of the booking. inspected: consent and repair within 72 h (the solution limit of seed 003).
 * repaired, confirmed: the customer's confirmation, then the service record, a day each.
 */
export const REPAIR_STEP_LIMIT_HOURS: StepLimits<RepairStatus> = {
  requested: 24,
  scheduled: 24,
  inspected: 72,
  repaired: 24,
  confirmed: 24,
  completed: null,
  cancelled: null,
};

/** When the repair's current step, entered at `at`, is due: a scheduled one counts from its slot's end. */
export function repairDueAt(r: { status: RepairStatus; appointmentAt: Date | null }, at: Date): Date | null {
  const from =
    r.status === 'scheduled' && r.appointmentAt ? new Date(r.appointmentAt.getTime() + SLOT_MS) : at;
  return dueAfter(REPAIR_STEP_LIMIT_HOURS, r.status, from);
}
