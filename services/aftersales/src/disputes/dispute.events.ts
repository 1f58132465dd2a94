// The events of a dispute, built in one place and checked against their contract when published.
import { DisputeEscalatedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { DisputeEntity } from './dispute.entity';

/** evt.aftersales.dispute.escalated.v1: a major dispute reported to management. */
export function disputeEscalated(d: DisputeEntity, by: string, at: Date): EventToPublish<DisputeEscalatedV1> {
  return {
    type: Subjects.aftersales.disputeEscalated,
    aggregateId: d.id,
    occurredAt: at,
    data: {
      disputeId: d.id,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      ...(d.customerId ? { customerId: d.customerId } : {}),
      storeId: d.storeId,
      reason: d.reason,
      escalatedBy: by,
      escalatedAt: at.toISOString(),
    },
  };
}
