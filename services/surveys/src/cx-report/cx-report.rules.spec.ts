import { HOUR_MS } from '@cx/platform';
import { kpiMove, labelAt, lastClosedWindow, previousLabel, windowOf } from './cx-report.rules';

const SH = 'Asia/Shanghai';

describe('windowOf', () => {
  it('reads a month in the zone, against the month before', () => {
    expect(windowOf('month', '2026-11', SH)).toEqual({
      period: 'month',
      label: '2026-11',
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
      previousFrom: new Date('2026-09-30T16:00:00Z'),
    });
  });

  it('reads a quarter, against the quarter before', () => {
    const q = windowOf('quarter', '2026-Q1', SH)!;
    expect(q.from).toEqual(new Date('2025-12-31T16:00:00Z'));
    expect(q.to).toEqual(new Date('2026-03-31T16:00:00Z'));
    expect(q.previousFrom).toEqual(new Date('2025-09-30T16:00:00Z'));
  });

  it('refuses a label of the other period or no label at all', () => {
    expect(windowOf('month', '2026-Q4', SH)).toBeNull();
    expect(windowOf('quarter', '2026-11', SH)).toBeNull();
    expect(windowOf('month', '2026-13', SH)).toBeNull();
    expect(windowOf('quarter', '2026-Q5', SH)).toBeNull();
    expect(windowOf('month', '26-11', SH)).toBeNull();
  });
});

describe('labelAt and previousLabel', () => {
  it('names the period of an instant on the zone’s calendar', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai.
    expect(labelAt('month', new Date('2026-11-30T17:00:00Z'), SH)).toBe('2026-12');
    expect(labelAt('month', new Date('2026-11-30T17:00:00Z'), 'UTC')).toBe('2026-11');
    expect(labelAt('quarter', new Date('2026-11-30T17:00:00Z'), SH)).toBe('2026-Q4');
  });

  it('steps back across a year', () => {
    expect(previousLabel('month', '2026-01', SH)).toBe('2025-12');
    expect(previousLabel('quarter', '2026-Q1', SH)).toBe('2025-Q4');
    expect(previousLabel('month', 'nope', SH)).toBeNull();
  });
});

describe('lastClosedWindow', () => {
  it('is the month before once the grace after its end has passed, to the millisecond', () => {
    const monthEnd = new Date('2026-11-30T16:00:00Z'); // 1 December 00:00 in Shanghai
    expect(lastClosedWindow('month', new Date(monthEnd.getTime() + HOUR_MS - 1), SH, HOUR_MS).label).toBe(
      '2026-10',
    );
    expect(lastClosedWindow('month', new Date(monthEnd.getTime() + HOUR_MS), SH, HOUR_MS).label).toBe(
      '2026-11',
    );
  });

  it('is the quarter before in the first days of a quarter', () => {
    expect(lastClosedWindow('quarter', new Date('2027-01-02T00:00:00Z'), SH, HOUR_MS).label).toBe('2026-Q4');
    expect(lastClosedWindow('quarter', new Date('2026-12-15T00:00:00Z'), SH, HOUR_MS).label).toBe('2026-Q3');
  });
});

describe('kpiMove', () => {
  const target = { operator: '<=' as const, value: 0.02, basis: 'seed' };

  it('judges the move in the direction of the target', () => {
    expect(kpiMove('complaint-rate', { value: 0.03, target }, { value: 0.02, target })).toEqual({
      before: 0.03,
      after: 0.02,
      moved: 'better',
    });
    expect(kpiMove('satisfaction', { value: 0.9, target: null }, { value: 0.85, target: null }).moved).toBe(
      'worse',
    );
  });

  it('has no move when either report measured nothing', () => {
    expect(kpiMove('satisfaction', undefined, { value: 0.85, target: null })).toEqual({
      before: null,
      after: 0.85,
      moved: null,
    });
    expect(
      kpiMove('satisfaction', { value: 0.9, target: null }, { value: null, target: null }).moved,
    ).toBeNull();
  });
});
