import { Tier } from '@cx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The lead's loyalty settings: one row (docs/crm/loyalty.md, Settings). */
@Entity('loyalty_settings')
export class LoyaltySettingsEntity {
  @PrimaryColumn('smallint') id!: number;
  @Column('numeric') pointsPerUnit!: string;
  @Column('integer') minorPerUnit!: number;
  @Column('integer') returnWindowDays!: number;
  @Column('integer') specialReturnWindowDays!: number;
  @Column('text', { array: true }) specialCategories!: string[];
  @Column('integer') expiryDays!: number;
  @Column('integer') expiryReminderDays!: number;
  @Column('integer') tierGraceDays!: number;
  @Column('integer') tierReviewDays!: number;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}

/** A tier's thresholds (rolling 12 months) and benefits. */
@Entity('loyalty_tier_policy')
export class TierPolicyEntity {
  @PrimaryColumn('text') tier!: Tier;
  @Column('integer') rank!: number;
  @Column('bigint') minSpendMinor!: string;
  @Column('integer') minPurchases!: number;
  @Column('numeric') pointsMultiplier!: string;
  @Column('numeric') discountPercent!: string;
  @Column('boolean') priorityService!: boolean;
  @Column('boolean') dedicatedContact!: boolean;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}

/** A bonus campaign: a points multiplier for purchases in its period, optionally only for some categories. */
@Entity('loyalty_campaign')
export class CampaignEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('numeric') multiplier!: string;
  @Column('text', { array: true }) categories!: string[];
  @Column('timestamptz') startsAt!: Date;
  @Column('timestamptz') endsAt!: Date;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}

/** What loyalty keeps of a purchase: spend for tiers, and the return window of its points. */
@Entity('loyalty_purchase')
export class LoyaltyPurchaseEntity {
  @PrimaryColumn('uuid') purchaseId!: string;
  @Column('uuid') customerId!: string;
  @Column('text') orderId!: string;
  @Column('bigint') paidAmountMinor!: string;
  @Column('bigint') refundedMinor!: string;
  @Column('timestamptz') purchasedAt!: Date;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  @Column('boolean') specialWindow!: boolean;
  @Column('timestamptz') recordedAt!: Date;
}

/** Points earned together (one purchase or one goodwill grant); spent and expired lot by lot. */
@Entity('points_lot')
export class PointsLotEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') customerId!: string;
  @Column('uuid', { nullable: true }) purchaseId!: string | null;
  @Column('text') source!: 'purchase' | 'goodwill';
  @Column('integer') points!: number;
  @Column('integer') reversed!: number;
  @Column('integer') remaining!: number;
  /** Expired unspent, less what refunds took back since. */
  @Column('integer') expired!: number;
  @Column('text') status!: 'pending' | 'available' | 'closed';
  @Column('timestamptz', { nullable: true }) releaseAt!: Date | null;
  @Column('timestamptz', { nullable: true }) releasedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { nullable: true }) remindedAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;
}

/** One line of the ledger: what moved between pending, available and debt, and why. */
@Entity('points_entry')
export class PointsEntryEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Written by the database, in the order of writing. */
  @Column({ type: 'bigint', insert: false, update: false }) seq?: string;
  @Column('uuid') customerId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') kind!: string;
  @Column('integer') pendingDelta!: number;
  @Column('integer') availableDelta!: number;
  @Column('integer') debtDelta!: number;
  @Column('uuid', { nullable: true }) lotId!: string | null;
  @Column('uuid', { nullable: true }) purchaseId!: string | null;
  @Column('text', { nullable: true }) reference!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('text') actorId!: string;
}

/** A customer's balance: the sum of their ledger, locked by every change. */
@Entity('points_balance')
export class PointsBalanceEntity {
  @PrimaryColumn('uuid') customerId!: string;
  @Column('integer') available!: number;
  @Column('integer') pending!: number;
  @Column('integer') debt!: number;
  @Column('timestamptz') updatedAt!: Date;
}

/** The tier a customer holds (read by the customers' tier RPC), and a pending downgrade. */
@Entity('customer_tier')
export class CustomerTierEntity {
  @PrimaryColumn('uuid') customerId!: string;
  @Column('text') tier!: Tier;
  @Column('timestamptz') since!: Date;
  @Column('timestamptz', { nullable: true }) atRiskSince!: Date | null;
  @Column('text', { nullable: true }) downgradeTo!: Tier | null;
  @Column('timestamptz') nextReviewAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}

export const LOYALTY_ENTITIES = [
  LoyaltySettingsEntity,
  TierPolicyEntity,
  CampaignEntity,
  LoyaltyPurchaseEntity,
  PointsLotEntity,
  PointsEntryEntity,
  PointsBalanceEntity,
  CustomerTierEntity,
];
