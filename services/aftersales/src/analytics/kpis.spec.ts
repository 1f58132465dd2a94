import { meets, pct, TARGETS } from './kpis';

describe('after-sales KPIs', () => {
  it('computes shares to one decimal and leaves an empty period unjudged', () => {
    expect(pct(19, 20)).toBe(95);
    expect(pct(2, 3)).toBe(66.7);
    expect(pct(0, 0)).toBeNull();
  });

  it('judges resolution against 95 % and satisfaction against 90 %, at the boundary too', () => {
    expect(meets(95, TARGETS.resolutionRatePct)).toBe(true);
    expect(meets(94.9, TARGETS.resolutionRatePct)).toBe(false);
    expect(meets(90, TARGETS.satisfactionPct)).toBe(true);
    expect(meets(null, TARGETS.satisfactionPct)).toBeNull();
  });
});
