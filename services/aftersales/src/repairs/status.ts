// Pure: the 8 steps of seed 004 as states, and which follows which (status.spec.ts).

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
