// Every event of the customer aggregate is built here, one builder per event, so what a customer
// record tells the other services is written (and checked against its contract) in one place.
// Events carry ids, never personal data (docs/personal-data.md).
import { CustomerErasedV1, CustomerMergedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';

/** evt.crm.customer.erased.v1: every consumer scrubs what it copied for this customer. */
export function customerErased(
  customerId: string,
  erasedAt: Date,
  requestedBy: string,
): EventToPublish<CustomerErasedV1> {
  return {
    type: Subjects.crm.customerErased,
    aggregateId: customerId,
    occurredAt: erasedAt,
    data: { customerId, erasedAt: erasedAt.toISOString(), requestedBy },
  };
}

/** evt.crm.customer.merged.v1: what other services hold under `mergedId` follows `survivorId`. */
export function customerMerged(
  survivorId: string,
  mergedId: string,
  mergedAt: Date,
): EventToPublish<CustomerMergedV1> {
  return {
    type: Subjects.crm.customerMerged,
    aggregateId: mergedId,
    occurredAt: mergedAt,
    data: { survivorId, mergedId, mergedAt: mergedAt.toISOString() },
  };
}
