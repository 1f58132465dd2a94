import {
  MetricInput,
  monthOf,
  monthSpan,
  percent,
  rankWithTies,
  ScorecardPolicy,
  scoreOf,
  starEmployees,
} from './scorecard.rules';

const policy: ScorecardPolicy = {
  weights: { satisfaction: 40, compliance: 30, complaintHandling: 20, training: 10, sales: 0 },
  minSamples: { satisfaction: 5, compliance: 1, complaintHandling: 2, training: 1, sales: 1 },
  starCount: 3,
};
const m = (value: number | null, samples: number): MetricInput => ({ value, samples });
const full = {
  satisfaction: m(90, 5),
  compliance: m(80, 1),
  complaintHandling: m(100, 2),
  training: m(50, 1),
  sales: m(null, 0),
};

describe('scoreOf', () => {
  it('is the weighted mean of the metrics, rounded to 2 decimals', () => {
    // (40*90 + 30*80 + 20*100 + 10*50) / 100 = 85
    expect(scoreOf(full, policy)).toEqual({
      score: 85,
      clearsMinimums: true,
      counted: ['satisfaction', 'compliance', 'complaintHandling', 'training'],
    });
    expect(scoreOf({ ...full, training: m(51, 1) }, policy).score).toBe(85.1);
    expect(scoreOf({ ...full, satisfaction: m(100 / 3, 6) }, policy).score).toBe(62.33);
  });

  it('leaves out a metric below its minimum sample, and the employee then clears no award', () => {
    // One answer short: satisfaction does not count, the rest is reweighted: (30*80+20*100+10*50)/60.
    const short = scoreOf({ ...full, satisfaction: m(0, 4) }, policy);
    expect(short).toEqual({
      score: 81.67,
      clearsMinimums: false,
      counted: ['compliance', 'complaintHandling', 'training'],
    });
  });

  it('ignores a metric of weight 0, also for the minimums', () => {
    const p = { ...policy, weights: { ...policy.weights, training: 0 } };
    // (40*90 + 30*80 + 20*100) / 90
    expect(scoreOf({ ...full, training: m(null, 0) }, p)).toMatchObject({
      score: 88.89,
      clearsMinimums: true,
    });
  });

  it('has no score when no metric reached its minimum', () => {
    const none = {
      satisfaction: m(null, 0),
      compliance: m(null, 0),
      complaintHandling: m(null, 0),
      training: m(null, 0),
      sales: m(null, 0),
    };
    expect(scoreOf(none, policy)).toEqual({ score: null, clearsMinimums: false, counted: [] });
  });

  it('leaves sales out at the default weight 0, and counts them once the lead gives them one', () => {
    const selling = { ...full, sales: m(40, 3) };
    expect(scoreOf(selling, policy)).toEqual(scoreOf(full, policy));
    const p = {
      ...policy,
      weights: { ...policy.weights, sales: 100 },
      minSamples: { ...policy.minSamples, sales: 3 },
    };
    // (40*90 + 30*80 + 20*100 + 10*50 + 100*40) / 200 = 62.5
    expect(scoreOf(selling, p)).toMatchObject({ score: 62.5, clearsMinimums: true });
    // Two sales for a minimum of three: sales do not count, and no award.
    expect(scoreOf({ ...full, sales: m(40, 2) }, p)).toMatchObject({ score: 85, clearsMinimums: false });
  });

  it('treats a minimum of 0 as 1: a metric needs at least one sample', () => {
    const p = { ...policy, minSamples: { ...policy.minSamples, training: 0 } };
    expect(scoreOf({ ...full, training: m(null, 0) }, p).clearsMinimums).toBe(false);
  });
});

describe('rankWithTies', () => {
  it('ranks 1, 2, 2, 4 and leaves those without a score unranked', () => {
    const items = [
      { id: 'a', s: 70 },
      { id: 'b', s: 90 },
      { id: 'c', s: 80 },
      { id: 'd', s: null },
      { id: 'e', s: 80 },
    ];
    const ranks = rankWithTies(items, (x) => x.s);
    expect(items.map((x) => [x.id, ranks.get(x)])).toEqual([
      ['a', 4],
      ['b', 1],
      ['c', 2],
      ['d', null],
      ['e', 2],
    ]);
  });
});

describe('starEmployees', () => {
  const card = (id: string, score: number | null, clearsMinimums = true) => ({ id, score, clearsMinimums });

  it('takes the top N of those who clear every minimum', () => {
    const cards = [card('a', 99, false), card('b', 90), card('c', 85), card('d', 80), card('e', 70)];
    expect(starEmployees(cards, 2).map((s) => [s.card.id, s.rank])).toEqual([
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('lets everyone tied at the boundary in', () => {
    const cards = [card('a', 90), card('b', 80), card('c', 80), card('d', 70)];
    expect(starEmployees(cards, 2).map((s) => [s.card.id, s.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
    ]);
    expect(starEmployees(cards, 0)).toEqual([]);
  });
});

describe('months in the store zone', () => {
  it('puts an instant in the month of its local date, to the second', () => {
    // Shanghai is UTC+8: 2026-10-31T16:00:00Z is 1 Nov 00:00 local.
    expect(monthOf(new Date('2026-10-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-10');
    expect(monthOf(new Date('2026-10-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T16:00:00Z'), 'UTC')).toBe('2026-10');
    // New York on 1 Nov 2026 is UTC-4 until the 2 a.m. fall-back: 1 Nov 00:00 local is 04:00Z.
    expect(monthOf(new Date('2026-11-01T03:59:59Z'), 'America/New_York')).toBe('2026-10');
    expect(monthOf(new Date('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11');
  });

  it('spans a month from local midnight of the 1st to that of the next 1st', () => {
    expect(monthSpan('2026-12', 'Asia/Shanghai')).toEqual({
      from: new Date('2026-11-30T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
    });
    expect(() => monthSpan('2026-13', 'UTC')).toThrow(RangeError);
  });
});

describe('percent', () => {
  it('is the share in percent, null without samples', () => {
    expect(percent(17, 20)).toBe(85);
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(0, 0)).toBeNull();
  });
});
