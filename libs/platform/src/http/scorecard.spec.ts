import { RequestValidationError } from './errors';
import {
  missesTarget,
  resolveScorecardScope,
  scorecardFigure,
  scorecardRequestOf,
  scorecardScopeOf,
  toScorecardView,
  trendOf,
} from './scorecard';

const atLeast90 = { operator: '>=' as const, value: 0.9, basis: 'seed 001' };
const atMost1 = { operator: '<=' as const, value: 0.01, basis: 'seed 001' };

describe('the scorecard period', () => {
  it('defaults to the last 30 days up to now, compared with the 30 days before', () => {
    const s = resolveScorecardScope({}, new Date('2026-03-31T17:00:00Z'));
    expect(s.to.toISOString()).toBe('2026-03-31T17:00:00.000Z');
    expect(s.from.toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(s.previousFrom.toISOString()).toBe('2026-01-30T17:00:00.000Z');
    expect(s.storeId).toBeNull();
  });

  it('compares a calendar month in the zone with the month before it, however long', () => {
    const s = resolveScorecardScope(
      { from: '2026-03-01', to: '2026-04-01', timeZone: 'Asia/Shanghai' },
      new Date('2026-04-02T00:00:00Z'),
    );
    expect(s.from.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    // February, a month of 28 days: whole months step back by months, not by 31 days.
    expect(s.previousFrom.toISOString()).toBe('2026-01-31T16:00:00.000Z');
  });

  it('steps whole months back by as many months, and any other period by its length', () => {
    const now = new Date();
    const quarter = resolveScorecardScope({ from: '2026-01-01', to: '2026-04-01' }, now);
    expect(quarter.previousFrom.toISOString()).toBe('2025-10-01T00:00:00.000Z');
    const cut = resolveScorecardScope({ from: '2026-03-01', to: '2026-03-31' }, now);
    expect(cut.previousFrom.toISOString()).toBe('2026-01-30T00:00:00.000Z');
    const time = resolveScorecardScope({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T12:00:00Z' }, now);
    expect(time.previousFrom.toISOString()).toBe('2026-01-28T12:00:00.000Z');
  });

  it('takes dates and a store; the previous period has the same length', () => {
    const s = resolveScorecardScope({ from: '2026-01-01', to: '2026-01-08', storeId: 'SH-001' }, new Date());
    expect(s.previousFrom.toISOString()).toBe('2025-12-25T00:00:00.000Z');
    expect(s.storeId).toBe('SH-001');
  });

  it('refuses a period longer than a year, naming from', () => {
    let error: unknown;
    try {
      resolveScorecardScope({ from: '2025-01-01', to: '2026-01-02' }, new Date());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).errors).toEqual([
      { field: 'from', messages: ['the period must not be longer than 12 months'] },
    ]);
  });

  it('travels as a request and back unchanged', () => {
    const s = resolveScorecardScope({ from: '2026-01-01', to: '2026-02-01', storeId: 'BJ-1' }, new Date());
    expect(scorecardScopeOf(scorecardRequestOf(s))).toEqual({
      from: s.from,
      to: s.to,
      previousFrom: s.previousFrom,
      storeId: 'BJ-1',
      timeZone: 'UTC',
    });
    expect(scorecardRequestOf({ ...s, storeId: null })).not.toHaveProperty('storeId');
  });

  it('carries the zone it was asked in, and is read as UTC without one', () => {
    const s = resolveScorecardScope(
      { from: '2026-01-01', to: '2026-02-01', timeZone: 'Asia/Shanghai' },
      new Date(),
    );
    expect(scorecardScopeOf(scorecardRequestOf(s)).timeZone).toBe('Asia/Shanghai');
    const { timeZone: _zone, ...withoutZone } = s;
    expect(scorecardRequestOf(withoutZone)).not.toHaveProperty('timeZone');
    expect(scorecardScopeOf(scorecardRequestOf(withoutZone)).timeZone).toBe('UTC');
  });
});

describe('a figure', () => {
  it('is missed below an at-least target and above an at-most one, to the exact share', () => {
    expect(missesTarget(0.9, atLeast90)).toBe(false);
    expect(missesTarget(0.8999, atLeast90)).toBe(true);
    expect(missesTarget(19 / 20, { ...atLeast90, value: 0.95 })).toBe(false);
    expect(missesTarget(0.011, atMost1)).toBe(true);
    expect(missesTarget(0.01, atMost1)).toBe(false);
    expect(missesTarget(null, atMost1)).toBeNull();
    expect(missesTarget(0.5, null)).toBeNull();
  });

  it('is numerator over denominator, with the previous period and no value when nothing was measured', () => {
    expect(
      scorecardFigure(
        'satisfaction',
        { numerator: 9, denominator: 10 },
        { numerator: 3, denominator: 4 },
        atLeast90,
      ),
    ).toEqual({
      figure: 'satisfaction',
      value: 0.9,
      numerator: 9,
      denominator: 10,
      target: atLeast90,
      previous: 0.75,
      missed: false,
    });
    expect(
      scorecardFigure(
        'complaint-rate',
        { numerator: 0, denominator: 0 },
        { numerator: 0, denominator: 0 },
        atMost1,
      ),
    ).toMatchObject({ value: null, previous: null, missed: null });
  });

  it('trends in the direction of its target, or of the figure without one', () => {
    expect(trendOf({ figure: 'satisfaction', value: 0.9, previous: 0.8, target: atLeast90 })).toBe('better');
    expect(trendOf({ figure: 'complaint-rate', value: 0.02, previous: 0.01, target: atMost1 })).toBe('worse');
    expect(trendOf({ figure: 'repeat-complaints', value: 0.1, previous: 0.2, target: null })).toBe('better');
    expect(trendOf({ figure: 'satisfaction', value: 0.9, previous: 0.9, target: null })).toBe('same');
    expect(trendOf({ figure: 'satisfaction', value: 0.9, previous: null, target: null })).toBeNull();
  });

  it('is shown in the order of the targets table with its trend', () => {
    const s = resolveScorecardScope({ from: '2026-01-01', to: '2026-02-01' }, new Date());
    const view = toScorecardView(s, [
      scorecardFigure(
        'repeat-complaints',
        { numerator: 1, denominator: 10 },
        { numerator: 0, denominator: 0 },
        null,
      ),
      scorecardFigure(
        'complaint-rate',
        { numerator: 1, denominator: 50 },
        { numerator: 1, denominator: 100 },
        atMost1,
      ),
    ]);
    expect(view.figures.map((f) => [f.figure, f.trend, f.missed])).toEqual([
      ['complaint-rate', 'worse', true],
      ['repeat-complaints', null, null],
    ]);
    expect(view).toMatchObject({ from: '2026-01-01T00:00:00.000Z', storeId: null });
  });
});
