import { ComplaintSlaBreachedV1, SlaClock, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { ComplaintEntity } from '../complaint/complaint.entity';

/** evt.complaints.complaint.sla-breached.v1 for one clock, carrying the escalation level reached with it. */
export function slaBreachedEvent(
  c: Pick<
    ComplaintEntity,
    'id' | 'reference' | 'storeId' | 'ownerId' | 'employeeId' | 'priority' | 'escalationLevel'
  >,
  clock: SlaClock,
  dueAt: Date,
  breachedAt: Date,
): EventToPublish<ComplaintSlaBreachedV1> {
  return {
    type: Subjects.complaints.complaintSlaBreached,
    aggregateId: c.id,
    occurredAt: breachedAt,
    data: {
      complaintId: c.id,
      reference: c.reference,
      ...(c.storeId ? { storeId: c.storeId } : {}),
      ownerId: c.ownerId,
      ...(c.employeeId ? { employeeId: c.employeeId } : {}),
      priority: c.priority,
      clock,
      dueAt: dueAt.toISOString(),
      breachedAt: breachedAt.toISOString(),
      escalationLevel: c.escalationLevel,
    },
  };
}

/** What the customer is told when a resolved complaint closes itself: it is closed, and how to reopen it. */
export function autoClosedMessage(c: Pick<ComplaintEntity, 'reference'>, quietDays: number): string {
  return (
    `We have closed your complaint ${c.reference}, as we have not heard from you in the ${quietDays} days since we ` +
    `proposed a solution. If the problem is not solved, simply reply to this message and we will reopen it.`
  );
}
