import { monthsStartingIn } from './company-scorecard.rules';

describe('monthsStartingIn', () => {
  const SH = 'Asia/Shanghai';

  it('is the month of a period that is one local month', () => {
    expect(monthsStartingIn(new Date('2026-02-28T16:00:00Z'), new Date('2026-03-31T16:00:00Z'), SH)).toEqual([
      '2026-03',
    ]);
  });

  it('counts every month that starts in the period, across a year end', () => {
    expect(
      monthsStartingIn(new Date('2025-11-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'), 'UTC'),
    ).toEqual(['2025-11', '2025-12', '2026-01']);
  });

  it('leaves out a month that started before the period, and has none for a period inside a month', () => {
    expect(
      monthsStartingIn(new Date('2026-03-02T00:00:00Z'), new Date('2026-04-15T00:00:00Z'), 'UTC'),
    ).toEqual(['2026-04']);
    expect(
      monthsStartingIn(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-20T00:00:00Z'), 'UTC'),
    ).toEqual([]);
  });

  it('reads month starts in the zone: midnight of 1 March in Shanghai is 28 February in UTC', () => {
    expect(monthsStartingIn(new Date('2026-02-28T16:00:00Z'), new Date('2026-02-28T17:00:00Z'), SH)).toEqual([
      '2026-03',
    ]);
  });
});
