import { Tier } from '@cx/contracts';
import { DAY_MS } from '@cx/platform';

// Tiers from rolling 12-month spend AND purchase count; up at once, down only at a review after a
// grace period (docs/crm/loyalty.md, Tiers).

export interface TierThreshold {
  tier: Tier;
  rank: number;
  minSpendMinor: number;
  minPurchases: number;
}

/** Spend (net of refunds) and purchases (not fully refunded) over a rolling window. */
export interface TierStats {
  spendMinor: number;
  purchases: number;
}

/** The start of the rolling 12 months that end at `at`. */
export function windowStart(at: Date): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}

/** The highest tier whose spend and purchase thresholds are both met (the lowest-ranked tier otherwise). */
export function qualifyingTier(stats: TierStats, thresholds: TierThreshold[]): Tier {
  const sorted = [...thresholds].sort((a, b) => a.rank - b.rank);
  let best = sorted[0]?.tier ?? 'standard';
  for (const t of sorted)
    if (stats.spendMinor >= t.minSpendMinor && stats.purchases >= t.minPurchases) best = t.tier;
  return best;
}

export const rankOf = (tier: Tier, thresholds: TierThreshold[]): number =>
  thresholds.find((t) => t.tier === tier)?.rank ?? 0;

/** On a purchase: the new tier if the customer now qualifies for a higher one, else null (never down). */
export function upgradeOnPurchase(current: Tier, stats: TierStats, thresholds: TierThreshold[]): Tier | null {
  const qualified = qualifyingTier(stats, thresholds);
  return rankOf(qualified, thresholds) > rankOf(current, thresholds) ? qualified : null;
}

/** What more keeps `tier`: the spend and purchases still missing (both thresholds must be met). */
export function shortfall(tier: Tier, stats: TierStats, thresholds: TierThreshold[]): TierStats {
  const t = thresholds.find((x) => x.tier === tier);
  if (!t) return { spendMinor: 0, purchases: 0 };
  return {
    spendMinor: Math.max(0, t.minSpendMinor - stats.spendMinor),
    purchases: Math.max(0, t.minPurchases - stats.purchases),
  };
}

export interface HeldTier {
  tier: Tier;
  /** Set when the customer was told the tier is at risk. */
  atRiskSince: Date | null;
}

export type ReviewDecision =
  | { action: 'keep'; clearRisk: boolean }
  | { action: 'notice'; downgradeTo: Tier; downgradeAt: Date }
  | { action: 'wait'; downgradeAt: Date }
  | { action: 'downgrade'; to: Tier };

/**
 * A periodic review. Still qualifying (stats now): keep (a notice is withdrawn). Not qualifying and not
 * told yet: the notice, with the downgrade `graceDays` later. Told, and the grace period is over: down
 * to the tier the customer qualifies for; otherwise wait.
 */
export function review(
  held: HeldTier,
  stats: TierStats,
  thresholds: TierThreshold[],
  now: Date,
  graceDays: number,
): ReviewDecision {
  const qualified = qualifyingTier(stats, thresholds);
  if (rankOf(qualified, thresholds) >= rankOf(held.tier, thresholds))
    return { action: 'keep', clearRisk: held.atRiskSince !== null };
  if (!held.atRiskSince)
    return {
      action: 'notice',
      downgradeTo: qualified,
      downgradeAt: new Date(now.getTime() + graceDays * DAY_MS),
    };
  const downgradeAt = new Date(held.atRiskSince.getTime() + graceDays * DAY_MS);
  if (now < downgradeAt) return { action: 'wait', downgradeAt };
  return { action: 'downgrade', to: qualified };
}

/**
 * After a merge, the survivor holds the highest of: its own tier, the merged record's (the same person
 * held it, and a tier is lowered only at a review), and the tier the combined 12-month spend and
 * purchases qualify for. `from` says which one; on a tie the survivor's own tier wins, then the merged
 * record's, so an equal tier changes nothing.
 */
export function tierAfterMerge(
  survivor: Tier,
  merged: Tier,
  combined: TierStats,
  thresholds: TierThreshold[],
): { tier: Tier; from: 'survivor' | 'merged' | 'spend' } {
  const qualified = qualifyingTier(combined, thresholds);
  const [s, m, q] = [survivor, merged, qualified].map((t) => rankOf(t, thresholds));
  if (s >= m && s >= q) return { tier: survivor, from: 'survivor' };
  if (m >= q) return { tier: merged, from: 'merged' };
  return { tier: qualified, from: 'spend' };
}
