import { IsId, IsRef, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';

/** A customer's personal data was erased in crm: every consumer scrubs what it copied for this customer. */
export class CustomerErasedV1 {
  @IsId() customerId!: string;
  @IsTimestamp() erasedAt!: string;
  /** Who asked: `customer` or the staff user id that recorded the request. */
  @IsRef() requestedBy!: string;
}

export const customerErasedV1 = defineEvent('evt.crm.customer.erased.v1', CustomerErasedV1, {
  description:
    'A customer was erased (right to erasure / retention end): scrub the personal data you copied.',
  consumers: ['complaints', 'aftersales', 'surveys', 'training'],
});
