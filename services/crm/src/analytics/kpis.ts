// The CRM lead's measures as pure rules (docs/crm/insight.md, Analytics).
import { TIERS, Tier } from '@cx/contracts';

/** The repurchase rate should be 15 % higher than in the same period a year earlier (relative change). */
export const REPURCHASE_TARGET_CHANGE = 0.15;

export interface RepurchaseFigures {
  /** Customers with at least one purchase in the period. */
  buyers: number;
  /** Of them, customers with two or more. */
  repeaters: number;
}

export interface RepurchaseComparison {
  rate: number | null;
  lastYearRate: number | null;
  /** (rate - lastYearRate) / lastYearRate; null when either is unknown or last year's was 0. */
  change: number | null;
  target: number;
  /** Null when there is nothing to compare with. */
  met: boolean | null;
}

export const repurchaseRate = (f: RepurchaseFigures): number | null =>
  f.buyers === 0 ? null : f.repeaters / f.buyers;

export function compareRepurchase(
  now: RepurchaseFigures,
  lastYear: RepurchaseFigures,
  target = REPURCHASE_TARGET_CHANGE,
): RepurchaseComparison {
  const rate = repurchaseRate(now);
  const lastYearRate = repurchaseRate(lastYear);
  const change =
    rate === null || lastYearRate === null || lastYearRate === 0
      ? null
      : (rate - lastYearRate) / lastYearRate;
  // A change computed in floating point (0.24 / 0.2 - 1) may land a hair under the target it meets.
  return { rate, lastYearRate, change, target, met: change === null ? null : change >= target - 1e-9 };
}

export type TierMove = 'first' | 'up' | 'down' | 'same';

/** Up or down by the tiers' order (standard < silver < gold < diamond); `first` for a first assignment. */
export function tierMove(from: string | null, to: string): TierMove {
  if (from === null) return 'first';
  const a = TIERS.indexOf(from as Tier);
  const b = TIERS.indexOf(to as Tier);
  return b > a ? 'up' : b < a ? 'down' : 'same';
}

export interface LedgerSums {
  kind: string;
  pending: number;
  available: number;
  debt: number;
}

export interface PointsFlow {
  issued: number;
  redeemed: number;
  expired: number;
  reversed: number;
}

/** Points issued (earned and goodwill), redeemed, expired and reversed, from the ledger's movements. */
export function pointsFlow(sums: readonly LedgerSums[]): PointsFlow {
  const of = (kind: string) =>
    sums.find((s) => s.kind === kind) ?? { kind, pending: 0, available: 0, debt: 0 };
  const reverse = of('reverse');
  return {
    issued: of('earn').pending + of('goodwill').available,
    redeemed: 0 - of('redeem').available,
    expired: 0 - of('expire').available,
    reversed: 0 - (reverse.pending + reverse.available),
  };
}
