import { IsIn } from 'class-validator';
import { TIERS, Tier } from '../common/enums';
import { IsId, IsTimestamp, OptionalField } from '../common/rules';
import { defineRequest } from '../registry';

/** Asks crm for a customer's current loyalty tier. */
export class GetCustomerTierRequestV1 {
  @IsId() customerId!: string;
}

/** A customer's current loyalty tier. */
export class GetCustomerTierReplyV1 {
  @IsId() customerId!: string;
  @IsIn(TIERS) tier!: Tier;
  /** Since when the customer holds this tier. */
  @OptionalField() @IsTimestamp() since?: string;
}

export const getCustomerTierV1 = defineRequest(
  'rpc.crm.get-customer-tier.v1',
  GetCustomerTierRequestV1,
  GetCustomerTierReplyV1,
  {
    description:
      "A customer's current tier. Prefer the local read model fed by customer.tier-changed; call this only to fill a gap, with a timeout and a fallback (treat as standard).",
    consumers: ['complaints'],
  },
);
