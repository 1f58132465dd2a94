import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DAY_MS } from '../time/durations';
import { RequestValidationError } from './errors';
import { PeriodQuery, PeriodRules, resolvePeriod } from './period';

// Zone arithmetic itself is libs/platform/src/time/zones.spec.ts; the services' own defaults are
// their analytics/period.spec.ts.
const thirtyDays: PeriodRules = {
  defaultTo: (now) => now,
  defaultFrom: (to) => new Date(to.getTime() - 30 * DAY_MS),
  latestTo: (from) => new Date(from.getTime() + 7 * DAY_MS),
  tooLong: 'the period must not be longer than 7 days',
};
const now = new Date('2026-04-10T12:00:00Z');

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof RequestValidationError) return e.errors[0]?.field;
    throw e;
  }
  return undefined;
};

describe('resolvePeriod', () => {
  const longest: PeriodRules = { ...thirtyDays, latestTo: () => new Date('2100-01-01T00:00:00Z') };

  it("takes the rules' defaults for a missing bound, and UTC", () => {
    expect(resolvePeriod({}, now, longest)).toEqual({
      from: new Date('2026-03-11T12:00:00Z'),
      to: now,
      timeZone: 'UTC',
    });
    expect(resolvePeriod({ to: '2026-03-31' }, now, longest).from).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('reads dates as local midnights of the time zone and date-times as instants', () => {
    const p = resolvePeriod(
      { from: '2026-03-01', to: '2026-03-02T00:00:00+08:00', timeZone: 'Asia/Shanghai' },
      now,
      thirtyDays,
    );
    expect(p).toEqual({
      from: new Date('2026-02-28T16:00:00Z'),
      to: new Date('2026-03-01T16:00:00Z'),
      timeZone: 'Asia/Shanghai',
    });
  });

  it('refuses an empty or backwards period, naming to', () => {
    expect(fieldOf(() => resolvePeriod({ from: '2026-03-01', to: '2026-03-01' }, now, longest))).toBe('to');
    expect(fieldOf(() => resolvePeriod({ from: '2026-03-02', to: '2026-03-01' }, now, longest))).toBe('to');
    expect(fieldOf(() => resolvePeriod({ from: '2026-05-01' }, now, longest))).toBe('to');
  });

  it("allows up to the rules' latest to and refuses later, naming from with the rules' reason", () => {
    expect(fieldOf(() => resolvePeriod({ from: '2026-03-01', to: '2026-03-08' }, now, thirtyDays))).toBe(
      undefined,
    );
    expect(() => resolvePeriod({ from: '2026-03-01', to: '2026-03-08T00:00:01Z' }, now, thirtyDays)).toThrow(
      expect.objectContaining({
        errors: [{ field: 'from', messages: ['the period must not be longer than 7 days'] }],
      }) as Error,
    );
  });
});

describe('PeriodQuery', () => {
  const problems = (query: Record<string, string>) =>
    validateSync(plainToInstance(PeriodQuery, query))
      .map((e) => e.property)
      .sort();

  it('takes dates, timestamps with an offset and IANA zones, all optional', () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({ from: '2026-03-01', to: '2026-03-01T09:30:00+08:00', timeZone: 'Asia/Shanghai' }),
    ).toEqual([]);
  });

  it('refuses a bare local time, a date that does not exist and an offset for a zone', () => {
    expect(problems({ from: '2026-03-01T09:30:00', to: '2026-02-30', timeZone: '+08:00' })).toEqual([
      'from',
      'timeZone',
      'to',
    ]);
  });
});
