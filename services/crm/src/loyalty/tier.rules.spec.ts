import { DAY_MS } from '@cx/platform';
import {
  qualifyingTier,
  review,
  shortfall,
  tierAfterMerge,
  TierThreshold,
  upgradeOnPurchase,
  windowStart,
} from './tier.rules';

const thresholds: TierThreshold[] = [
  { tier: 'standard', rank: 0, minSpendMinor: 0, minPurchases: 0 },
  { tier: 'silver', rank: 1, minSpendMinor: 100_000, minPurchases: 2 },
  { tier: 'gold', rank: 2, minSpendMinor: 500_000, minPurchases: 5 },
  { tier: 'diamond', rank: 3, minSpendMinor: 2_000_000, minPurchases: 10 },
];
const now = new Date('2026-06-01T00:00:00Z');

describe('tier rules', () => {
  it('needs both the spend and the purchase count', () => {
    expect(qualifyingTier({ spendMinor: 600_000, purchases: 1 }, thresholds)).toBe('standard');
    expect(qualifyingTier({ spendMinor: 600_000, purchases: 2 }, thresholds)).toBe('silver');
    expect(qualifyingTier({ spendMinor: 600_000, purchases: 5 }, thresholds)).toBe('gold');
    expect(qualifyingTier({ spendMinor: 99_999, purchases: 20 }, thresholds)).toBe('standard');
  });

  it('upgrades as soon as the purchase qualifies, and never lowers on a purchase', () => {
    expect(upgradeOnPurchase('standard', { spendMinor: 100_000, purchases: 2 }, thresholds)).toBe('silver');
    expect(upgradeOnPurchase('gold', { spendMinor: 100_000, purchases: 2 }, thresholds)).toBeNull();
    expect(upgradeOnPurchase('silver', { spendMinor: 100_000, purchases: 2 }, thresholds)).toBeNull();
  });

  it('says what more spend and purchases keep a tier', () => {
    expect(shortfall('gold', { spendMinor: 380_000, purchases: 6 }, thresholds)).toEqual({
      spendMinor: 120_000,
      purchases: 0,
    });
  });

  it('rolls twelve months back', () => {
    expect(windowStart(new Date('2026-03-01T10:00:00Z'))).toEqual(new Date('2025-03-01T10:00:00Z'));
  });

  it('reviews: notice first, downgrade only after the grace period, withdrawn when the customer catches up', () => {
    const low = { spendMinor: 150_000, purchases: 3 };
    const first = review({ tier: 'gold', atRiskSince: null }, low, thresholds, now, 30);
    expect(first).toEqual({
      action: 'notice',
      downgradeTo: 'silver',
      downgradeAt: new Date(now.getTime() + 30 * DAY_MS),
    });
    const told = { tier: 'gold' as const, atRiskSince: now };
    expect(review(told, low, thresholds, new Date(now.getTime() + 29 * DAY_MS), 30)).toEqual({
      action: 'wait',
      downgradeAt: new Date(now.getTime() + 30 * DAY_MS),
    });
    expect(review(told, low, thresholds, new Date(now.getTime() + 30 * DAY_MS), 30)).toEqual({
      action: 'downgrade',
      to: 'silver',
    });
    expect(
      review(
        told,
        { spendMinor: 500_000, purchases: 5 },
        thresholds,
        new Date(now.getTime() + 30 * DAY_MS),
        30,
      ),
    ).toEqual({
      action: 'keep',
      clearRisk: true,
    });
    expect(review({ tier: 'silver', atRiskSince: null }, low, thresholds, now, 30)).toEqual({
      action: 'keep',
      clearRisk: false,
    });
  });

  it('after a merge keeps the higher of the two tiers held, or the tier the combined figures qualify for', () => {
    const none = { spendMinor: 0, purchases: 0 };
    expect(tierAfterMerge('gold', 'silver', none, thresholds)).toEqual({ tier: 'gold', from: 'survivor' });
    expect(tierAfterMerge('silver', 'gold', none, thresholds)).toEqual({ tier: 'gold', from: 'merged' });
    // Each side alone short of gold (4 purchases, 300,000): together 8 and 600,000 qualify.
    const combined = { spendMinor: 600_000, purchases: 8 };
    expect(tierAfterMerge('silver', 'silver', combined, thresholds)).toEqual({ tier: 'gold', from: 'spend' });
    expect(tierAfterMerge('silver', 'gold', combined, thresholds)).toEqual({ tier: 'gold', from: 'merged' });
    expect(tierAfterMerge('gold', 'gold', combined, thresholds)).toEqual({ tier: 'gold', from: 'survivor' });
    // Exactly at the thresholds qualifies; one short does not.
    expect(
      tierAfterMerge('standard', 'standard', { spendMinor: 500_000, purchases: 5 }, thresholds).tier,
    ).toBe('gold');
    expect(tierAfterMerge('standard', 'standard', { spendMinor: 499_999, purchases: 5 }, thresholds)).toEqual(
      {
        tier: 'silver',
        from: 'spend',
      },
    );
  });
});
