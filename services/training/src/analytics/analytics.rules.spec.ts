import { monthFigures, monthsOf, yearSpan } from './analytics.rules';

describe('training analytics rules', () => {
  it('lists the months of a year and spans it in the zone', () => {
    expect(monthsOf(2026)).toHaveLength(12);
    expect(monthsOf(2026)[0]).toBe('2026-01');
    expect(yearSpan(2026, 'Asia/Shanghai')).toEqual({
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
    });
  });

  it('gives completion and pass rates, null without anything to count', () => {
    expect(
      monthFigures('2026-11', { enrolled: 4, completed: 3, failed: 1, attempts: 6, passed: 2 }),
    ).toMatchObject({
      completionRatePct: 75,
      passRatePct: 33.33,
    });
    expect(
      monthFigures('2026-11', { enrolled: 1, completed: 0, failed: 0, attempts: 0, passed: 0 }),
    ).toMatchObject({
      completionRatePct: null,
      passRatePct: null,
    });
  });
});
