import { DAY_MS } from '@cx/platform';
import {
  assignSegments,
  DEFAULT_CARE_RULES,
  isAtRisk,
  membershipChanges,
  PurchaseStats,
  quintiles,
  rfmScores,
  rfmSegment,
  Segment,
} from './segment.rules';

const NOW = new Date('2026-06-01T00:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY_MS);
const stats = (
  customerId: string,
  purchases: number,
  monetaryMinor: number,
  firstDaysAgo: number,
  lastDaysAgo: number,
): PurchaseStats => ({
  customerId,
  purchases,
  monetaryMinor,
  firstAt: daysAgo(firstDaysAgo),
  lastAt: daysAgo(lastDaysAgo),
});

describe('quintiles', () => {
  it('scores ten distinct values two per quintile, highest values 5', () => {
    expect(quintiles([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('gives equal values one score (the lowest their rank reaches)', () => {
    expect(quintiles([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(quintiles([7])).toEqual([1]);
    expect(quintiles([])).toEqual([]);
  });
});

describe('RFM', () => {
  it('scores recent, frequent, big spenders high and puts them among the champions', () => {
    const all = [
      stats('a', 9, 900_00, 300, 1),
      stats('b', 1, 10_00, 200, 200),
      stats('c', 2, 50_00, 100, 90),
      stats('d', 3, 80_00, 60, 30),
      stats('e', 5, 300_00, 250, 5),
    ];
    const scores = rfmScores(all, NOW);
    expect(scores.get('a')).toEqual({ r: 5, f: 5, m: 5 });
    expect(scores.get('b')).toEqual({ r: 1, f: 1, m: 1 });
    expect(rfmSegment(scores.get('a')!)).toBe('champions');
    expect(rfmSegment(scores.get('b')!)).toBe('hibernating');
  });

  it('names every score combination with one segment', () => {
    expect(rfmSegment({ r: 3, f: 5, m: 1 })).toBe('loyal');
    expect(rfmSegment({ r: 5, f: 1, m: 1 })).toBe('promising');
    expect(rfmSegment({ r: 3, f: 3, m: 3 })).toBe('needs-attention');
    expect(rfmSegment({ r: 1, f: 5, m: 5 })).toBe('needs-attention');
    expect(rfmSegment({ r: 2, f: 2, m: 5 })).toBe('hibernating');
  });
});

describe('at risk', () => {
  it('is silent longer than twice the own average gap, to the second', () => {
    // 4 purchases over 90 days: a 30-day rhythm, so at risk after 60 days of silence.
    const base = { customerId: 'x', purchases: 4, monetaryMinor: 1 };
    const lastAt = new Date(NOW.getTime() - 60 * DAY_MS);
    const firstAt = new Date(lastAt.getTime() - 90 * DAY_MS);
    expect(isAtRisk({ ...base, firstAt, lastAt }, NOW, DEFAULT_CARE_RULES)).toBe(false);
    expect(isAtRisk({ ...base, firstAt, lastAt }, new Date(NOW.getTime() + 1000), DEFAULT_CARE_RULES)).toBe(
      true,
    );
  });

  it('never sooner than the minimum days, and never for a single purchase', () => {
    const weekly = stats('w', 10, 1, 63, 20); // a 4.8-day rhythm, silent for 20 days
    expect(isAtRisk(weekly, NOW, DEFAULT_CARE_RULES)).toBe(false);
    expect(isAtRisk(weekly, new Date(NOW.getTime() + 11 * DAY_MS), DEFAULT_CARE_RULES)).toBe(true);
    expect(isAtRisk(stats('o', 1, 1, 400, 400), NOW, DEFAULT_CARE_RULES)).toBe(false);
  });
});

describe('segments and their changes', () => {
  it('puts each buyer in one RFM segment, VIP tiers in vip, and reports joins and leaves', () => {
    const before = assignSegments(
      [stats('a', 1, 10, 5, 5)],
      new Map([['a', 'silver']]),
      NOW,
      DEFAULT_CARE_RULES,
    );
    const after = assignSegments(
      [stats('a', 1, 10, 5, 5), stats('b', 3, 500, 200, 110)],
      new Map([
        ['a', 'gold'],
        ['c', 'diamond'],
      ]),
      NOW,
      DEFAULT_CARE_RULES,
    );
    const rfmOf = (m: Map<Segment, Set<string>>, id: string) =>
      [...m].filter(([s, ids]) => s !== 'vip' && s !== 'at-risk' && ids.has(id)).map(([s]) => s);
    expect(rfmOf(after, 'a')).toHaveLength(1);
    expect(rfmOf(after, 'b')).toHaveLength(1);
    expect([...after.get('vip')!].sort()).toEqual(['a', 'c']);
    expect(after.get('at-risk')).toEqual(new Set(['b']));

    const changes = membershipChanges(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        { segment: 'vip', customerId: 'a', change: 'joined' },
        { segment: 'vip', customerId: 'c', change: 'joined' },
        { segment: 'at-risk', customerId: 'b', change: 'joined' },
      ]),
    );
    expect(membershipChanges(after, after)).toEqual([]);
    expect(membershipChanges(after, before)).toContainEqual({
      segment: 'vip',
      customerId: 'c',
      change: 'left',
    });
  });
});
