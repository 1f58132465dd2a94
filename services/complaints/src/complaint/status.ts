import { ComplaintStatus } from '@cx/contracts';

/**
 * The life cycle of a complaint. Every change of status goes through `assertTransition`; anything
 * not listed is illegal and answers 409.
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
