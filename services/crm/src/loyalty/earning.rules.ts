import { DAY_MS } from '@cx/platform';

/** How points are earned (the lead's settings; docs/crm/loyalty.md, Earning). */
export interface EarningPolicy {
  /** Points per currency unit spent (1 = one point per yuan). */
  pointsPerUnit: number;
  /** Minor units in one currency unit (100 for two decimals). */
  minorPerUnit: number;
}

export interface BonusCampaign {
  multiplier: number;
  /** Empty: every category. */
  categories: string[];
  startsAt: Date;
  endsAt: Date;
}

export interface EarningPurchase {
  paidAmountMinor: number;
  purchasedAt: Date;
  lines: { category: string; quantity: number; unitPriceMinor: number }[];
}

/** The campaign multiplier for a line: the best campaign running at the purchase time that covers its category (campaigns do not stack). */
export function campaignMultiplier(category: string | null, at: Date, campaigns: BonusCampaign[]): number {
  let best = 1;
  for (const c of campaigns) {
    if (at < c.startsAt || at >= c.endsAt) continue;
    if (c.categories.length > 0 && (category === null || !c.categories.includes(category))) continue;
    best = Math.max(best, c.multiplier);
  }
  return best;
}

/**
 * Points a purchase earns: the paid amount (shared out over the lines by their list value, so a
 * campaign on one category rewards only its share) times points per unit, the tier's multiplier and
 * the campaign's, rounded down once.
 */
export function pointsForPurchase(
  purchase: EarningPurchase,
  policy: EarningPolicy,
  tierMultiplier: number,
  campaigns: BonusCampaign[],
): number {
  if (purchase.paidAmountMinor <= 0) return 0;
  const values = purchase.lines.map((l) => Math.max(0, l.quantity * l.unitPriceMinor));
  const listTotal = values.reduce((a, b) => a + b, 0);
  let weighted: number;
  if (listTotal <= 0) {
    weighted = purchase.paidAmountMinor * campaignMultiplier(null, purchase.purchasedAt, campaigns);
  } else {
    weighted = purchase.lines.reduce(
      (sum, line, i) =>
        sum +
        ((purchase.paidAmountMinor * values[i]) / listTotal) *
          campaignMultiplier(line.category, purchase.purchasedAt, campaigns),
      0,
    );
  }
  const points = (weighted / policy.minorPerUnit) * policy.pointsPerUnit * tierMultiplier;
  // A hair above the integer below absorbs binary fractions (0.1 + 0.2) before rounding down.
  return Math.max(0, Math.floor(points + 1e-9));
}

export interface ReturnWindowPolicy {
  returnWindowDays: number;
  specialReturnWindowDays: number;
  specialCategories: string[];
}

/** A purchase with a line in a category the lead marked special gets the longer return window. */
export function hasSpecialWindow(categories: string[], policy: ReturnWindowPolicy): boolean {
  return categories.some((c) => policy.specialCategories.includes(c));
}

/** When a purchase's points become available: its return window after delivery sign-off closes; no sign-off yet, no date. */
export function releaseAt(
  deliveredAt: Date | null,
  special: boolean,
  policy: ReturnWindowPolicy,
): Date | null {
  if (!deliveredAt) return null;
  const days = special ? policy.specialReturnWindowDays : policy.returnWindowDays;
  return new Date(deliveredAt.getTime() + days * DAY_MS);
}
