/**
 * The work queues an agent works from. Each is a condition on open complaints (the SQL is in
 * ComplaintRepository.workQueue, which mirrors these words):
 * - mine: owned by the caller;
 * - department: waiting in a department's queue (owner `queue:<department>`), to be claimed;
 * - overdue: past a deadline not met (first response not given in time, or the solution clock past due);
 * - escalated: any level of the escalation chain reached;
 * - waiting: waiting for the customer.
 */
export const WORK_QUEUES = ['mine', 'department', 'overdue', 'escalated', 'waiting'] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

const QUEUE_PREFIX = 'queue:';

/** The owner id of a department's queue. */
export const departmentQueue = (department: string): string => `${QUEUE_PREFIX}${department}`;

/** Whether a complaint is unowned, waiting in a department's queue (and so can be claimed). */
export const isInQueue = (ownerId: string): boolean => ownerId.startsWith(QUEUE_PREFIX);
