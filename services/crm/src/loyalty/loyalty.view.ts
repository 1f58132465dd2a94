import { TIERS, Tier } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import {
  CampaignEntity,
  CustomerTierEntity,
  LoyaltySettingsEntity,
  PointsEntryEntity,
  TierPolicyEntity,
} from './loyalty.entity';
import { TierStats } from './tier.rules';

export class PointsBalanceView {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ description: 'Spendable now' }) available!: number;
  @ApiProperty({ description: 'Earned, waiting for the return window to close' }) pending!: number;
  @ApiProperty({ description: 'Taken back by refunds after being spent: new points pay it first' })
  debt!: number;
  @ApiProperty({ description: 'Available points that expire within the reminder period' })
  expiringSoon!: number;
  @ApiProperty({
    format: 'date-time',
    type: String,
    nullable: true,
    description: 'When the first of them expire',
  })
  firstExpiresAt!: string | null;
}

export class PointsEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    enum: [
      'earn',
      'release',
      'debt-payment',
      'goodwill',
      'redeem',
      'reverse',
      'debt',
      'expire',
      'merge-out',
      'merge-in',
    ],
    description: 'What happened',
  })
  kind!: string;
  @ApiProperty() pendingDelta!: number;
  @ApiProperty() availableDelta!: number;
  @ApiProperty() debtDelta!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) purchaseId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Order, return, complaint or redemption reference',
  })
  reference!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ description: 'Who: a user id or `system`' }) actorId!: string;
}

export class RedemptionView {
  @ApiProperty({ format: 'uuid' }) redemptionId!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ description: 'Available points after the redemption' }) available!: number;
}

export class GoodwillView {
  @ApiProperty({ format: 'uuid' }) lotId!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() points!: number;
  @ApiProperty() reason!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'Available points after the grant (after paying any debt)' })
  available!: number;
}

export class TierBenefitsView {
  @ApiProperty({ description: 'Discount in percent' }) discountPercent!: number;
  @ApiProperty() pointsMultiplier!: number;
  @ApiProperty() priorityService!: boolean;
  @ApiProperty() dedicatedContact!: boolean;
}

export class TierView {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ enum: TIERS }) tier!: Tier;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) since!: string | null;
  @ApiProperty({ type: TierBenefitsView }) benefits!: TierBenefitsView;
  @ApiProperty({ description: 'Spend over the rolling 12 months, net of refunds, minor units' })
  spendMinor!: number;
  @ApiProperty({ description: 'Purchases over the rolling 12 months' }) purchases!: number;
  @ApiProperty({ enum: TIERS, nullable: true, description: 'Set when a review found the tier at risk' })
  downgradeTo!: Tier | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true, description: 'When it would be lowered' })
  downgradeAt!: string | null;
}

export function toTierView(
  customerId: string,
  held: CustomerTierEntity | null,
  policy: TierPolicyEntity,
  stats: TierStats,
): TierView {
  return {
    customerId,
    tier: held?.tier ?? 'standard',
    since: held?.since.toISOString() ?? null,
    benefits: toBenefits(policy),
    spendMinor: stats.spendMinor,
    purchases: stats.purchases,
    downgradeTo: held?.downgradeTo ?? null,
    downgradeAt: held?.atRiskSince ? held.nextReviewAt.toISOString() : null,
  };
}

const toBenefits = (p: TierPolicyEntity): TierBenefitsView => ({
  discountPercent: Number(p.discountPercent),
  pointsMultiplier: Number(p.pointsMultiplier),
  priorityService: p.priorityService,
  dedicatedContact: p.dedicatedContact,
});

export const toEntryView = (e: PointsEntryEntity): PointsEntryView => ({
  id: e.id,
  at: new Date(e.at).toISOString(),
  kind: e.kind,
  pendingDelta: e.pendingDelta,
  availableDelta: e.availableDelta,
  debtDelta: e.debtDelta,
  purchaseId: e.purchaseId,
  reference: e.reference,
  reason: e.reason,
  actorId: e.actorId,
});

export class TierPolicyView extends TierBenefitsView {
  @ApiProperty({ enum: TIERS }) tier!: Tier;
  @ApiProperty({ description: 'Order of the tiers, lowest 0' }) rank!: number;
  @ApiProperty({ description: 'Rolling 12-month spend to qualify, minor units' }) minSpendMinor!: number;
  @ApiProperty({ description: 'Rolling 12-month purchases to qualify' }) minPurchases!: number;
}

export const toTierPolicyView = (p: TierPolicyEntity): TierPolicyView => ({
  tier: p.tier,
  rank: p.rank,
  minSpendMinor: Number(p.minSpendMinor),
  minPurchases: p.minPurchases,
  ...toBenefits(p),
});

export class LoyaltySettingsView {
  @ApiProperty({ description: 'Points per currency unit spent' }) pointsPerUnit!: number;
  @ApiProperty({ description: 'Minor units per currency unit' }) minorPerUnit!: number;
  @ApiProperty({ description: 'Days after delivery sign-off until points become available' })
  returnWindowDays!: number;
  @ApiProperty({ description: 'The same for purchases with a line in a special category' })
  specialReturnWindowDays!: number;
  @ApiProperty({ type: [String] }) specialCategories!: string[];
  @ApiProperty({ description: 'Days points stay available before they expire' }) expiryDays!: number;
  @ApiProperty({ description: 'Days before expiry the reminder goes out' }) expiryReminderDays!: number;
  @ApiProperty({ description: 'Days between a tier-at-risk notice and the downgrade' })
  tierGraceDays!: number;
  @ApiProperty({ description: 'Days between two reviews of a tier' }) tierReviewDays!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export const toSettingsView = (s: LoyaltySettingsEntity): LoyaltySettingsView => ({
  pointsPerUnit: Number(s.pointsPerUnit),
  minorPerUnit: s.minorPerUnit,
  returnWindowDays: s.returnWindowDays,
  specialReturnWindowDays: s.specialReturnWindowDays,
  specialCategories: s.specialCategories,
  expiryDays: s.expiryDays,
  expiryReminderDays: s.expiryReminderDays,
  tierGraceDays: s.tierGraceDays,
  tierReviewDays: s.tierReviewDays,
  updatedAt: s.updatedAt.toISOString(),
  updatedBy: s.updatedBy,
});

export class CampaignView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Points multiplier for the covered share of a purchase' }) multiplier!: number;
  @ApiProperty({ type: [String], description: 'Empty: every category' }) categories!: string[];
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
}

export const toCampaignView = (c: CampaignEntity): CampaignView => ({
  id: c.id,
  code: c.code,
  name: c.name,
  multiplier: Number(c.multiplier),
  categories: c.categories,
  startsAt: c.startsAt.toISOString(),
  endsAt: c.endsAt.toISOString(),
  createdAt: c.createdAt.toISOString(),
  createdBy: c.createdBy,
});
