import { compareRepurchase, pointsFlow, repurchaseRate, tierMove } from './kpis';

describe('repurchase rate', () => {
  it('is repeat buyers over buyers, none without buyers', () => {
    expect(repurchaseRate({ buyers: 8, repeaters: 2 })).toBe(0.25);
    expect(repurchaseRate({ buyers: 0, repeaters: 0 })).toBeNull();
  });

  it('meets the target at 15 % above the same period a year earlier, not below', () => {
    const lastYear = { buyers: 100, repeaters: 20 }; // 0.20
    expect(compareRepurchase({ buyers: 100, repeaters: 23 }, lastYear)).toMatchObject({
      rate: 0.23,
      lastYearRate: 0.2,
      target: 0.15,
      met: true,
    });
    expect(compareRepurchase({ buyers: 100, repeaters: 22 }, lastYear).met).toBe(false);
    expect(compareRepurchase({ buyers: 100, repeaters: 22 }, lastYear).change).toBeCloseTo(0.1, 10);
  });

  it('has no verdict without a year-earlier rate to compare with', () => {
    expect(compareRepurchase({ buyers: 5, repeaters: 1 }, { buyers: 0, repeaters: 0 })).toMatchObject({
      change: null,
      met: null,
    });
    expect(compareRepurchase({ buyers: 5, repeaters: 1 }, { buyers: 4, repeaters: 0 }).met).toBeNull();
  });
});

describe('tier moves', () => {
  it('orders standard < silver < gold < diamond', () => {
    expect(tierMove(null, 'silver')).toBe('first');
    expect(tierMove('silver', 'diamond')).toBe('up');
    expect(tierMove('gold', 'standard')).toBe('down');
    expect(tierMove('gold', 'gold')).toBe('same');
  });
});

describe('points flow', () => {
  it('counts earned and goodwill as issued, and redeemed, expired and reversed points as positives', () => {
    expect(
      pointsFlow([
        { kind: 'earn', pending: 500, available: 0, debt: 0 },
        { kind: 'release', pending: -300, available: 300, debt: 0 },
        { kind: 'goodwill', pending: 0, available: 50, debt: 0 },
        { kind: 'redeem', pending: 0, available: -120, debt: 0 },
        { kind: 'expire', pending: 0, available: -30, debt: 0 },
        { kind: 'reverse', pending: -100, available: -20, debt: 0 },
      ]),
    ).toEqual({ issued: 550, redeemed: 120, expired: 30, reversed: 120 });
    expect(pointsFlow([])).toEqual({ issued: 0, redeemed: 0, expired: 0, reversed: 0 });
  });
});
