import { IsIn } from 'class-validator';
import { TIERS, Tier } from '../common/enums';
import { IsId, IsIntIn, IsMinorAmount, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';

/** A customer no longer qualifies for their tier: it will be lowered at `downgradeAt` unless they catch up. */
export class CustomerTierAtRiskV1 {
  @IsId() customerId!: string;
  @IsIn(TIERS) currentTier!: Tier;
  /** The tier they will hold after the review if nothing changes. */
  @IsIn(TIERS) downgradeTo!: Tier;
  @IsTimestamp() downgradeAt!: string;
  /** More spend (minor units, rolling 12 months at `downgradeAt`) that keeps the tier, with the purchases below. */
  @IsMinorAmount() spendToKeepMinor!: number;
  /** More purchases (rolling 12 months at `downgradeAt`) that keep the tier, with the spend above. */
  @IsIntIn(0, 1_000_000) purchasesToKeep!: number;
}

export const customerTierAtRiskV1 = defineEvent('evt.crm.customer.tier-at-risk.v1', CustomerTierAtRiskV1, {
  description:
    "A customer's tier will be lowered at the next review: what spend and purchases would keep it (sent once, ahead of the review).",
});
