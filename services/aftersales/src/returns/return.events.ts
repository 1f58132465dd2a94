// The events of a return, built in one place and checked against their contract when published.
import { ReturnCompletedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { ReturnRequestEntity } from './return.entity';

/**
 * evt.aftersales.return.completed.v1: the refund (or the exchange, refunding 0) of a return, for crm to
 * reverse the points and re-evaluate the tier.
 */
export function returnCompleted(
  r: ReturnRequestEntity & { customerId: string },
  refundAmountMinor: number,
  at: Date,
): EventToPublish<ReturnCompletedV1> {
  return {
    type: Subjects.aftersales.returnCompleted,
    aggregateId: r.id,
    occurredAt: at,
    data: {
      returnId: r.id,
      customerId: r.customerId,
      orderId: r.orderId,
      storeId: r.storeId,
      kind: r.kind,
      lines: [{ lineId: r.lineId, sku: r.sku, quantity: r.quantity, refundAmountMinor }],
      refundAmountMinor,
      currency: r.currency,
      completedAt: at.toISOString(),
    },
  };
}
