import { IsId, IsIntIn, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';

/** Some of a customer's available points expire soon: the reminder sent before they do. */
export class PointsExpiringV1 {
  @IsId() customerId!: string;
  /** Points that expire by `expiresBy` unless spent. */
  @IsIntIn(1, 2_000_000_000) points!: number;
  /** The earliest of those points' expiry times. */
  @IsTimestamp() firstExpiresAt!: string;
  /** The reminder covers points expiring up to this time. */
  @IsTimestamp() expiresBy!: string;
  /** The customer's available balance when the reminder was made. */
  @IsIntIn(0, 2_000_000_000) availableBalance!: number;
}

export const pointsExpiringV1 = defineEvent('evt.crm.points.expiring.v1', PointsExpiringV1, {
  description:
    "A customer's loyalty points expire soon (sent once per batch of points, ahead of their expiry).",
});
