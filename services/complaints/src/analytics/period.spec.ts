import { RequestValidationError } from '@cx/platform';
import { resolveAnalyticsPeriod } from './period';

// How bounds are read and refused is the platform's: libs/platform/src/http/period.spec.ts.
describe('resolveAnalyticsPeriod', () => {
  const now = new Date('2026-04-10T12:00:00Z');

  it('defaults to the 30 days before now, with the 30 days before that as the previous period', () => {
    const p = resolveAnalyticsPeriod({}, now);
    expect(p.from.toISOString()).toBe('2026-03-11T12:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-04-10T12:00:00.000Z');
    expect(p.previousFrom.toISOString()).toBe('2026-02-09T12:00:00.000Z');
    expect(p.timeZone).toBe('UTC');
  });

  it('reads dates as local midnights of the time zone and date-times as instants', () => {
    const p = resolveAnalyticsPeriod(
      { from: '2026-03-01', to: '2026-03-08T00:00:00+08:00', timeZone: 'Asia/Shanghai' },
      now,
    );
    expect(p.from.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-03-07T16:00:00.000Z');
    expect(p.previousFrom.toISOString()).toBe('2026-02-21T16:00:00.000Z');
  });

  it('takes 30 days before an explicit to, and now after an explicit from', () => {
    expect(resolveAnalyticsPeriod({ to: '2026-03-31' }, now).from.toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(resolveAnalyticsPeriod({ from: '2026-04-01' }, now).to).toEqual(now);
  });

  const fieldOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      if (e instanceof RequestValidationError) return e.errors[0]?.field;
      throw e;
    }
    return undefined;
  };

  it('refuses an empty or backwards period, naming to', () => {
    expect(fieldOf(() => resolveAnalyticsPeriod({ from: '2026-03-01', to: '2026-03-01' }, now))).toBe('to');
    expect(fieldOf(() => resolveAnalyticsPeriod({ from: '2026-03-02', to: '2026-03-01' }, now))).toBe('to');
    expect(fieldOf(() => resolveAnalyticsPeriod({ from: '2026-05-01' }, now))).toBe('to');
  });

  it('allows two years and refuses more, naming from', () => {
    expect(
      fieldOf(() => resolveAnalyticsPeriod({ from: '2024-01-01', to: '2026-01-01' }, now)),
    ).toBeUndefined();
    expect(fieldOf(() => resolveAnalyticsPeriod({ from: '2023-12-31', to: '2026-01-01' }, now))).toBe('from');
  });
});
