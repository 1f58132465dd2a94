import { PurchaseDeliveredV1, PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { EventToPublish } from '@cx/platform';
import { PurchaseWithLines, toLineV1 } from './purchase.view';

// Every event of a purchase is built here, typed with its contract's payload class.

export function purchaseRecorded({
  purchase: p,
  lines,
  salesEmployeeId,
}: PurchaseWithLines): EventToPublish<PurchaseRecordedV1> {
  return {
    type: Subjects.crm.purchaseRecorded,
    aggregateId: p.id,
    occurredAt: p.recordedAt,
    data: {
      customerId: p.customerId,
      orderId: p.orderId,
      storeId: p.storeId,
      channel: p.channel,
      purchasedAt: p.purchasedAt.toISOString(),
      ...(p.deliveredAt && { deliveredAt: p.deliveredAt.toISOString() }),
      paidAmountMinor: p.paidAmountMinor,
      currency: p.currency,
      lines: lines.map(toLineV1),
      ...(salesEmployeeId && { salesEmployeeId }),
    },
  };
}

export function purchaseDelivered(
  { purchase: p, lines }: PurchaseWithLines,
  deliveredAt: Date,
  at: Date,
): EventToPublish<PurchaseDeliveredV1> {
  return {
    type: Subjects.crm.purchaseDelivered,
    aggregateId: p.id,
    occurredAt: at,
    data: {
      purchaseId: p.id,
      customerId: p.customerId,
      orderId: p.orderId,
      storeId: p.storeId,
      purchasedAt: p.purchasedAt.toISOString(),
      deliveredAt: deliveredAt.toISOString(),
      lines: lines.map(toLineV1),
    },
  };
}
