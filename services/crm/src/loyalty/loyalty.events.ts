// Every event of loyalty is built here, one builder per event, checked against its contract on publish.
import { CustomerTierAtRiskV1, CustomerTierChangedV1, PointsExpiringV1, Subjects, Tier } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';

/** evt.crm.customer.tier-changed.v1: every change of a tier, with why (`purchase`, `periodic-review`). */
export function tierChanged(
  customerId: string,
  fromTier: Tier | null,
  toTier: Tier,
  reason: string,
  at: Date,
): EventToPublish<CustomerTierChangedV1> {
  return {
    type: Subjects.crm.customerTierChanged,
    aggregateId: customerId,
    occurredAt: at,
    data: { customerId, fromTier, toTier, reason, changedAt: at.toISOString() },
  };
}

/** evt.crm.customer.tier-at-risk.v1: the notice ahead of the review that would lower the tier. */
export function tierAtRisk(
  customerId: string,
  currentTier: Tier,
  downgradeTo: Tier,
  downgradeAt: Date,
  missing: { spendMinor: number; purchases: number },
  at: Date,
): EventToPublish<CustomerTierAtRiskV1> {
  return {
    type: Subjects.crm.customerTierAtRisk,
    aggregateId: customerId,
    occurredAt: at,
    data: {
      customerId,
      currentTier,
      downgradeTo,
      downgradeAt: downgradeAt.toISOString(),
      spendToKeepMinor: missing.spendMinor,
      purchasesToKeep: missing.purchases,
    },
  };
}

/** evt.crm.points.expiring.v1: the reminder before points expire. */
export function pointsExpiring(
  customerId: string,
  points: number,
  firstExpiresAt: Date,
  expiresBy: Date,
  availableBalance: number,
  at: Date,
): EventToPublish<PointsExpiringV1> {
  return {
    type: Subjects.crm.pointsExpiring,
    aggregateId: customerId,
    occurredAt: at,
    data: {
      customerId,
      points,
      firstExpiresAt: firstExpiresAt.toISOString(),
      expiresBy: expiresBy.toISOString(),
      availableBalance,
    },
  };
}
