import { IsIn } from 'class-validator';
import { TIERS, Tier } from '../common/enums';
import { IsCode, IsId, IsTimestamp, Nullable } from '../common/rules';
import { defineEvent } from '../registry';

/** A customer's loyalty tier moved (up or down); complaints uses it to prioritise VIP customers. */
export class CustomerTierChangedV1 {
  @IsId() customerId!: string;
  /** null on the first assignment. */
  @Nullable() @IsIn(TIERS) fromTier!: Tier | null;
  @IsIn(TIERS) toTier!: Tier;
  /** Why, as a code: `purchase`, `refund`, `periodic-review`, `manual`, ... (open list). */
  @IsCode() reason!: string;
  @IsTimestamp() changedAt!: string;
}

export const customerTierChangedV1 = defineEvent('evt.crm.customer.tier-changed.v1', CustomerTierChangedV1, {
  description: "A customer's loyalty tier changed (re-evaluated on purchases, refunds and periodic review).",
  consumers: ['complaints'],
});
