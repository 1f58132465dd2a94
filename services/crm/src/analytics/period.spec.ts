import { RequestValidationError } from '@cx/platform';
import { bucketsOf, resolvePeriods, yearEarlier } from './period';

const NOW = new Date('2026-05-20T10:00:00Z');

describe('analytics periods', () => {
  it('defaults to the twelve months up to the end of this month, cut at month starts in the zone', () => {
    const p = resolvePeriods({ timeZone: 'Asia/Shanghai' }, NOW);
    expect(p.to).toEqual(new Date('2026-05-31T16:00:00Z')); // 1 June, 00:00 in Shanghai
    expect(p.from).toEqual(new Date('2025-05-31T16:00:00Z'));
    expect(p.buckets).toHaveLength(12);
    expect(p.buckets[0]).toEqual({
      from: new Date('2025-05-31T16:00:00Z'),
      to: new Date('2025-06-30T16:00:00Z'),
    });
  });

  it('reads dates as local midnight and keeps partial buckets at both ends', () => {
    const p = resolvePeriods(
      { from: '2026-02-15', to: '2026-07-01', period: 'quarter', timeZone: 'UTC' },
      NOW,
    );
    expect(p.buckets).toEqual([
      { from: new Date('2026-02-15T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
      { from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') },
    ]);
  });

  it('refuses an empty or reversed range, and one longer than 36 months', () => {
    expect(() => resolvePeriods({ from: '2026-03-01', to: '2026-03-01' }, NOW)).toThrow(
      RequestValidationError,
    );
    expect(() => resolvePeriods({ from: '2022-01-01', to: '2025-01-02' }, NOW)).toThrow(
      RequestValidationError,
    );
    expect(
      resolvePeriods({ from: '2022-01-01', to: '2025-01-01', period: 'year' }, NOW).buckets,
    ).toHaveLength(3);
  });

  it('finds the same span a year earlier on the calendar, across a leap day', () => {
    const span = { from: new Date('2028-02-29T00:00:00Z'), to: new Date('2028-03-01T00:00:00Z') };
    expect(yearEarlier(span, 'UTC')).toEqual({
      from: new Date('2027-02-28T00:00:00Z'),
      to: new Date('2027-03-01T00:00:00Z'),
    });
  });

  it('cuts years at local new year', () => {
    const b = bucketsOf(
      { from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') },
      'year',
      'Asia/Shanghai',
    );
    expect(b).toHaveLength(1);
  });
});
