import { DAY_MS } from '@cx/platform';
import { campaignMultiplier, hasSpecialWindow, pointsForPurchase, releaseAt } from './earning.rules';

const policy = { pointsPerUnit: 1, minorPerUnit: 100 };
const at = new Date('2026-03-10T10:00:00Z');
const line = (category: string, unitPriceMinor: number, quantity = 1) => ({
  category,
  quantity,
  unitPriceMinor,
});

describe('pointsForPurchase', () => {
  it('earns points per currency unit of the paid amount, rounded down', () => {
    expect(
      pointsForPurchase(
        { paidAmountMinor: 12_399, purchasedAt: at, lines: [line('shoes', 12_399)] },
        policy,
        1,
        [],
      ),
    ).toBe(123);
  });

  it('applies the tier multiplier', () => {
    expect(
      pointsForPurchase(
        { paidAmountMinor: 10_000, purchasedAt: at, lines: [line('shoes', 10_000)] },
        policy,
        1.5,
        [],
      ),
    ).toBe(150);
  });

  it('gives nothing for a free purchase', () => {
    expect(
      pointsForPurchase({ paidAmountMinor: 0, purchasedAt: at, lines: [line('shoes', 100)] }, policy, 2, []),
    ).toBe(0);
  });

  it('applies a campaign only to the share of its categories, and only within its dates', () => {
    const campaign = {
      multiplier: 3,
      categories: ['bags'],
      startsAt: new Date('2026-03-01T00:00:00Z'),
      endsAt: new Date('2026-03-11T00:00:00Z'),
    };
    // paid 9,000 of a 10,000 list value: bags carry 60 % of the paid amount (5,400) tripled, shoes 3,600.
    const purchase = {
      paidAmountMinor: 9_000,
      purchasedAt: at,
      lines: [line('bags', 3_000, 2), line('shoes', 4_000)],
    };
    expect(pointsForPurchase(purchase, policy, 1, [campaign])).toBe(162 + 36);
    expect(
      pointsForPurchase({ ...purchase, purchasedAt: new Date('2026-03-11T00:00:00Z') }, policy, 1, [
        campaign,
      ]),
    ).toBe(90);
  });

  it('takes the best running campaign, not their product', () => {
    const all = {
      multiplier: 2,
      categories: [],
      startsAt: new Date('2026-03-01T00:00:00Z'),
      endsAt: new Date('2026-04-01T00:00:00Z'),
    };
    const bags = { ...all, multiplier: 3, categories: ['bags'] };
    expect(campaignMultiplier('bags', at, [all, bags])).toBe(3);
    expect(campaignMultiplier('shoes', at, [all, bags])).toBe(2);
    expect(campaignMultiplier('shoes', new Date('2026-02-28T23:59:59Z'), [all, bags])).toBe(1);
  });
});

describe('return window', () => {
  const windows = { returnWindowDays: 7, specialReturnWindowDays: 15, specialCategories: ['watches'] };

  it('releases 7 days after sign-off, 15 for a special category, and never without a sign-off', () => {
    const delivered = new Date('2026-03-10T10:00:00Z');
    expect(releaseAt(delivered, false, windows)).toEqual(new Date(delivered.getTime() + 7 * DAY_MS));
    expect(releaseAt(delivered, true, windows)).toEqual(new Date(delivered.getTime() + 15 * DAY_MS));
    expect(releaseAt(null, false, windows)).toBeNull();
  });

  it('marks a purchase special when any line is in a special category', () => {
    expect(hasSpecialWindow(['shoes', 'watches'], windows)).toBe(true);
    expect(hasSpecialWindow(['shoes'], windows)).toBe(false);
  });
});
