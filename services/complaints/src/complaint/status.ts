import { ComplaintStatus } from '@cx/contracts';
import type { PauseReason } from './complaint.entity';

/**
 * The life cycle of a complaint. Every change of status goes through `ComplaintService.transition`,
 * which asks `canTransition`; anything not listed is illegal and answers 409.
 *
 * received -> acknowledged (first response) -> in-progress <-> waiting-for-customer -> resolved
 * resolved -> closed (customer confirmed, or silence past the auto-close days) | reopened
 * closed -> reopened (a dissatisfied return visit); reopened -> in-progress ... -> resolved
 * any open status -> withdrawn (the customer withdrew it)
 */
export const TRANSITIONS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  received: ['acknowledged', 'in-progress', 'waiting-for-customer', 'resolved', 'withdrawn'],
  acknowledged: ['in-progress', 'waiting-for-customer', 'resolved', 'withdrawn'],
  'in-progress': ['waiting-for-customer', 'resolved', 'withdrawn'],
  'waiting-for-customer': ['in-progress', 'resolved', 'withdrawn'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in-progress', 'waiting-for-customer', 'resolved', 'withdrawn'],
  withdrawn: [],
};

export const OPEN_STATUSES: readonly ComplaintStatus[] = [
  'received',
  'acknowledged',
  'in-progress',
  'waiting-for-customer',
  'reopened',
];

export function canTransition(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isOpen(status: ComplaintStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Leaving "received" for anything but withdrawal is the first response to the customer. */
export function isFirstResponse(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return from === 'received' && to !== 'withdrawn';
}

// ---------------------------------------------------------------------------------------------------
// The solution clock's pauses (docs/complaints/sla.md, "Pauses"). At most one pause is open at a time.
// The status waiting-for-customer holds the clock's pause for as long as it lasts: entering it takes
// over any open pause, leaving it for an open status resumes the clock, and nothing else resumes it.
// A status change never fails because of the clock, so no sequence of calls can get a case stuck.

/** What a status change does to the solution clock, given the reason of the open pause (null: running). */
export type ClockOnTransition =
  /** Nothing to do. */
  | 'none'
  /** Entering waiting-for-customer with the clock running: stop it. */
  | 'pause'
  /** Entering waiting-for-customer during another pause: end that one, and the customer's begins. */
  | 'take-over'
  /** Leaving waiting-for-customer for an open status: the clock runs again, the deadline moves. */
  | 'resume'
  /** Leaving the open statuses: the pause ends, there is no clock left to run. */
  | 'end';

export function clockOnTransition(
  from: ComplaintStatus,
  to: ComplaintStatus,
  open: PauseReason | null,
): ClockOnTransition {
  if (!isOpen(to)) return open ? 'end' : 'none';
  if (to === 'waiting-for-customer') return open === null ? 'pause' : 'take-over';
  if (from === 'waiting-for-customer' && open === 'waiting-for-customer') return 'resume';
  return 'none';
}

/** Why POST /:id/sla/pause must refuse (null: it may pause). */
export function pauseRefusal(
  status: ComplaintStatus,
  open: PauseReason | null,
): 'ILLEGAL_TRANSITION' | 'ALREADY_PAUSED' | null {
  if (!isOpen(status)) return 'ILLEGAL_TRANSITION';
  return open ? 'ALREADY_PAUSED' : null;
}

/** Why POST /:id/sla/resume must refuse (null: it may resume). */
export function resumeRefusal(
  status: ComplaintStatus,
  open: PauseReason | null,
): 'WAITING_FOR_CUSTOMER' | 'NOT_PAUSED' | null {
  if (status === 'waiting-for-customer') return 'WAITING_FOR_CUSTOMER';
  return open ? null : 'NOT_PAUSED';
}
