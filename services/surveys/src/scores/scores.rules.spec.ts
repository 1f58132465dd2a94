import {
  checkAlert,
  MAX_TREND_PERIODS,
  noCounts,
  ResponseCounts,
  summarize,
  trendBounds,
} from './scores.rules';

const counts = (over: Partial<ResponseCounts>): ResponseCounts => ({ ...noCounts(), ...over });

describe('summarize', () => {
  it('gives CSAT as the share of 4 and 5, with average and distribution', () => {
    const s = summarize(counts({ responses: 10, satisfied: 7, csatByScore: [1, 1, 1, 3, 4] }));
    expect(s.csat).toEqual({ answers: 10, score: 0.7, average: 3.8, distribution: [1, 1, 1, 3, 4] });
    expect(s.satisfaction).toBe(0.7);
  });

  it('gives NPS as promoters minus detractors, in points, with 7 and 8 passive and 6 a detractor', () => {
    const nps = Array(11).fill(0) as number[];
    nps[10] = 3;
    nps[9] = 2;
    nps[8] = 1;
    nps[7] = 1;
    nps[6] = 2;
    nps[0] = 1;
    const s = summarize(counts({ responses: 10, npsByScore: nps }));
    expect(s.nps).toMatchObject({ answers: 10, promoters: 5, passives: 2, detractors: 3, score: 20 });
    expect(s.nps.average).toBe(7.5);
  });

  it('answers null, not zero, where nothing was counted', () => {
    const s = summarize(counts({}));
    expect([s.satisfaction, s.csat.score, s.csat.average, s.nps.score, s.responseRate]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('gives the response rate as answered over invited', () => {
    expect(summarize(counts({ invited: 8, answered: 2 })).responseRate).toBe(0.25);
  });
});

describe('checkAlert', () => {
  it('raises when a breach starts, once, and again only after a recovery', () => {
    let state = checkAlert('ok', 0.85, 20, 0.9, 20);
    expect(state).toEqual({ next: 'breached', raise: true });
    state = checkAlert(state.next, 0.8, 25, 0.9, 20);
    expect(state).toEqual({ next: 'breached', raise: false });
    state = checkAlert(state.next, 0.9, 30, 0.9, 20);
    expect(state).toEqual({ next: 'ok', raise: false });
    state = checkAlert(state.next, 0.8999, 31, 0.9, 20);
    expect(state).toEqual({ next: 'breached', raise: true });
  });

  it('changes nothing with too few answers or none', () => {
    expect(checkAlert('ok', 0.1, 19, 0.9, 20)).toEqual({ next: 'ok', raise: false });
    expect(checkAlert('breached', 1, 19, 0.9, 20)).toEqual({ next: 'breached', raise: false });
    expect(checkAlert('ok', null, 100, 0.9, 20)).toEqual({ next: 'ok', raise: false });
  });
});

describe('trendBounds', () => {
  const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

  it('gives each month in the zone and the month before the first', () => {
    const b = trendBounds(
      new Date('2026-03-10T00:00:00+08:00'),
      new Date('2026-05-01T00:00:00+08:00'),
      'month',
      'Asia/Shanghai',
    );
    expect(iso(b)).toEqual([
      '2026-01-31T16:00:00.000Z',
      '2026-02-28T16:00:00.000Z',
      '2026-03-31T16:00:00.000Z',
      '2026-04-30T16:00:00.000Z',
    ]);
  });

  it('weeks run Monday to Sunday; quarters start in January, April, July, October', () => {
    const weeks = trendBounds(
      new Date('2026-04-15T00:00:00Z'),
      new Date('2026-04-16T00:00:00Z'),
      'week',
      'UTC',
    );
    expect(iso(weeks)).toEqual([
      '2026-04-06T00:00:00.000Z',
      '2026-04-13T00:00:00.000Z',
      '2026-04-20T00:00:00.000Z',
    ]);
    const quarters = trendBounds(
      new Date('2026-05-01T00:00:00Z'),
      new Date('2026-07-01T00:00:00Z'),
      'quarter',
      'UTC',
    );
    expect(iso(quarters)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
      '2026-07-01T00:00:00.000Z',
    ]);
  });

  it('stops at the longest trend', () => {
    const b = trendBounds(new Date('2020-01-06T00:00:00Z'), new Date('2030-01-01T00:00:00Z'), 'week', 'UTC');
    expect(b.length).toBe(MAX_TREND_PERIODS + 2);
  });
});
