import fc from 'fast-check';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './durations';
import {
  addCalendarDays,
  addCalendarMonths,
  addLocalDays,
  addLocalMonths,
  assertTimeZone,
  CalendarPeriod,
  canonicalTimeZone,
  compareLocalDates,
  formatLocalDate,
  instantOfLocal,
  isCalendarDate,
  isTimeZone,
  localDateOf,
  minuteOfDay,
  parseCalendarDate,
  startOfLocalDay,
  startOfNextPeriod,
  startOfPeriod,
  wallClockOf,
  weekdayOf,
  zoneOffsetMs,
} from './zones';

// 2026 transitions: Berlin 29 Mar 01:00Z (02:00 CET -> 03:00 CEST) and 25 Oct 01:00Z (03:00 CEST -> 02:00 CET);
// New York 8 Mar 07:00Z (02:00 EST -> 03:00 EDT) and 1 Nov 06:00Z (02:00 EDT -> 01:00 EST);
// Beirut 28 Mar 22:00Z (00:00 -> 01:00: that midnight never happens).
const iso = (instant: Date | number) => new Date(instant).toISOString();
const ms = (s: string) => Date.parse(s);
const date = (s: string) => parseCalendarDate(s)!;
const timeOfDay = (hhmm: string) => minuteOfDay(hhmm)! * MINUTE_MS;

describe('zoneOffsetMs', () => {
  it('reads the offset at an instant', () => {
    expect(zoneOffsetMs(ms('2026-07-01T12:00:00.500Z'), 'Europe/Berlin')).toBe(2 * HOUR_MS);
    expect(zoneOffsetMs(ms('2026-01-01T12:00:00Z'), 'Asia/Shanghai')).toBe(8 * HOUR_MS);
    expect(zoneOffsetMs(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR_MS);
    expect(zoneOffsetMs(ms('2026-01-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(5 * HOUR_MS + 45 * MINUTE_MS);
    expect(zoneOffsetMs(ms('2026-01-15T12:00:00Z'), 'UTC')).toBe(0);
  });

  it('changes at the very millisecond of a DST transition', () => {
    expect(zoneOffsetMs(ms('2026-03-08T06:59:59.999Z'), 'America/New_York')).toBe(-5 * HOUR_MS);
    expect(zoneOffsetMs(ms('2026-03-08T07:00:00.000Z'), 'America/New_York')).toBe(-4 * HOUR_MS);
    expect(zoneOffsetMs(ms('2026-10-25T00:59:59.999Z'), 'Europe/Berlin')).toBe(2 * HOUR_MS);
    expect(zoneOffsetMs(ms('2026-10-25T01:00:00.000Z'), 'Europe/Berlin')).toBe(1 * HOUR_MS);
  });

  // zoneOffsetMs answers from a per-hour cache: it must give what Intl gives at every instant, in zones
  // with DST, half-hour and 45-minute offsets, negative DST (Dublin), DST inside Ramadan (Casablanca),
  // old local mean time (seconds in the offset) and a zone that dropped DST (Sao Paulo).
  const ZONES = [
    'Asia/Shanghai',
    'America/New_York',
    'Europe/Berlin',
    'Europe/Dublin',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Pacific/Chatham',
    'Africa/Casablanca',
    'America/Sao_Paulo',
    'Asia/Beirut',
  ];
  const referenceFormatters = new Map<string, Intl.DateTimeFormat>();
  const intlOffset = (t: number, timeZone: string): number => {
    const p: Record<string, number> = {};
    let f = referenceFormatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      referenceFormatters.set(timeZone, f);
    }
    const parts = f.formatToParts(new Date(t));
    for (const part of parts) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return (
      Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (t - (((t % 1000) + 1000) % 1000))
    );
  };

  it('gives what Intl gives at any instant from 1900 to 2100, asked in any order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (zone, t) => zoneOffsetMs(t, zone) === intlOffset(t, zone),
      ),
      { numRuns: 3_000 },
    );
  });

  it('gives what Intl gives around every transition from 2024 to 2028, to the millisecond', () => {
    let transitions = 0;
    for (const zone of ZONES) {
      for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2028, 0, 1); day += DAY_MS) {
        if (intlOffset(day, zone) === intlOffset(day + DAY_MS, zone)) continue;
        let lo = day;
        let hi = day + DAY_MS;
        while (hi - lo > SECOND_MS) {
          const mid = lo + Math.floor((hi - lo) / 2 / SECOND_MS) * SECOND_MS;
          if (intlOffset(mid, zone) === intlOffset(day, zone)) lo = mid;
          else hi = mid;
        }
        transitions++;
        // The transition is at `hi`; ask in an order where the cache already holds the hour.
        for (const t of [hi + HOUR_MS, hi - 1, hi, hi + 1, hi - SECOND_MS, hi - HOUR_MS, hi + 30 * MINUTE_MS])
          expect([zone, t, zoneOffsetMs(t, zone)]).toEqual([zone, t, intlOffset(t, zone)]);
      }
    }
    expect(transitions).toBeGreaterThan(40); // the zones with DST over four years
  });

  it('throws RangeError for a zone Intl does not know', () => {
    expect(() => zoneOffsetMs(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => assertTimeZone('Asia/Shanghai')).not.toThrow();
  });
});

describe('local date and wall clock of an instant', () => {
  it('is the date in the zone, not in UTC', () => {
    expect(localDateOf(ms('2026-02-28T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 3,
      day: 1,
    });
    expect(localDateOf(ms('2026-02-28T15:59:59.999Z'), 'Asia/Shanghai')).toEqual(date('2026-02-28'));
    expect(localDateOf(new Date('2026-11-01T03:59:59Z'), 'America/New_York')).toEqual(date('2026-10-31'));
  });

  it('shows the repeated autumn hour twice', () => {
    const wall = (t: string) => wallClockOf(ms(t), 'Europe/Berlin');
    const twoThirty = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 };
    expect(wall('2026-10-25T00:30:00Z')).toEqual(twoThirty); // CEST
    expect(wall('2026-10-25T01:30:00Z')).toEqual(twoThirty); // CET
    expect(wall('2026-03-29T01:00:00Z')).toMatchObject({ hour: 3, minute: 0 });
    expect(wallClockOf(ms('2026-03-02T02:03:04.999Z'), 'Asia/Shanghai')).toMatchObject({
      hour: 10,
      minute: 3,
      second: 4,
    });
  });
});

describe('instantOfLocal', () => {
  const local = (d: string, hhmm: string, zone: string, extraMs = 0) =>
    iso(instantOfLocal(date(d), timeOfDay(hhmm) + extraMs, zone));

  it('is exact to the millisecond', () => {
    expect(local('2026-03-02', '10:00', 'Asia/Shanghai', 4 * SECOND_MS + 250)).toBe(
      '2026-03-02T02:00:04.250Z',
    );
    expect(local('2026-03-02', '24:00', 'Asia/Shanghai')).toBe('2026-03-02T16:00:00.000Z'); // next midnight
  });

  it('maps a wall time skipped by the spring jump to the jump', () => {
    expect(local('2026-03-29', '01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00.000Z');
    expect(local('2026-03-29', '02:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
    expect(local('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
    expect(local('2026-03-29', '03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(local('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('maps a wall time repeated by the autumn fall-back to its first occurrence', () => {
    expect(local('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z'); // CEST, not 01:30Z
    expect(local('2026-10-25', '03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
    expect(local('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z'); // EDT, not 06:30Z
  });
});

describe('startOfLocalDay', () => {
  it('is midnight UTC for UTC', () => {
    expect(iso(startOfLocalDay('2026-03-01', 'UTC'))).toBe('2026-03-01T00:00:00.000Z');
  });
  it('is the previous evening in UTC for a zone ahead of it', () => {
    expect(iso(startOfLocalDay('2026-03-01', 'Asia/Shanghai'))).toBe('2026-02-28T16:00:00.000Z');
  });
  it('follows summer time on both sides of a DST change', () => {
    expect(iso(startOfLocalDay('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z'); // still CET at 00:00
    expect(iso(startOfLocalDay('2026-03-30', 'Europe/Berlin'))).toBe('2026-03-29T22:00:00.000Z'); // CEST
    expect(iso(startOfLocalDay('2026-11-01', 'America/New_York'))).toBe('2026-11-01T04:00:00.000Z'); // EDT until 02:00
  });
  it('handles a zone behind UTC', () => {
    expect(iso(startOfLocalDay('2026-01-15', 'America/Los_Angeles'))).toBe('2026-01-15T08:00:00.000Z');
  });
  it('is the jump itself where a DST change skips midnight', () => {
    expect(iso(startOfLocalDay('2026-03-29', 'Asia/Beirut'))).toBe('2026-03-28T22:00:00.000Z'); // 01:00 EEST
    expect(iso(startOfLocalDay(date('2026-03-28'), 'Asia/Beirut'))).toBe('2026-03-27T22:00:00.000Z');
  });
  it('refuses what is not a real YYYY-MM-DD', () => {
    expect(() => startOfLocalDay('2026-02-30', 'UTC')).toThrow(RangeError);
    expect(() => startOfLocalDay('1 March', 'UTC')).toThrow(/YYYY-MM-DD/);
  });
});

describe('calendar periods', () => {
  // instant, period, zone, start of the period containing it, start of the next one
  const cases: [string, CalendarPeriod, string, string, string][] = [
    // Days of 23 and 25 hours on DST days.
    ['2026-03-29T12:00:00Z', 'day', 'Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'],
    ['2026-03-08T12:00:00Z', 'day', 'America/New_York', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z'],
    ['2026-11-01T12:00:00Z', 'day', 'America/New_York', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'],
    // ISO weeks start on Monday: Sunday 29 March is in the week of Monday 23 March (an hour short in
    // Berlin); Thursday 1 January 2026 in the week of Monday 29 December 2025; Monday 00:00 starts one.
    ['2026-03-29T12:00:00Z', 'week', 'Europe/Berlin', '2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z'],
    ['2026-01-01T00:00:00Z', 'week', 'Asia/Shanghai', '2025-12-28T16:00:00Z', '2026-01-04T16:00:00Z'],
    ['2026-01-04T16:00:00Z', 'week', 'Asia/Shanghai', '2026-01-04T16:00:00Z', '2026-01-11T16:00:00Z'],
    // A month turns at local midnight; that instant is in the new month.
    ['2026-03-31T22:00:00Z', 'month', 'Europe/Berlin', '2026-03-31T22:00:00Z', '2026-04-30T22:00:00Z'],
    ['2026-03-31T21:59:59.999Z', 'month', 'Europe/Berlin', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'],
    // February has 29 days in a leap year.
    ['2028-02-29T12:00:00Z', 'month', 'America/New_York', '2028-02-01T05:00:00Z', '2028-03-01T05:00:00Z'],
    ['2026-05-10T00:00:00Z', 'quarter', 'Europe/Berlin', '2026-03-31T22:00:00Z', '2026-06-30T22:00:00Z'],
    ['2026-06-30T16:00:00Z', 'quarter', 'Asia/Shanghai', '2026-06-30T16:00:00Z', '2026-09-30T16:00:00Z'],
    ['2026-06-30T15:59:59Z', 'half-year', 'Asia/Shanghai', '2025-12-31T16:00:00Z', '2026-06-30T16:00:00Z'],
    // From CEST to CET.
    ['2026-10-30T12:00:00Z', 'half-year', 'Europe/Berlin', '2026-06-30T22:00:00Z', '2026-12-31T23:00:00Z'],
    ['2026-12-31T16:00:00Z', 'year', 'Asia/Shanghai', '2026-12-31T16:00:00Z', '2027-12-31T16:00:00Z'],
    ['2026-12-31T15:59:59.999Z', 'year', 'Asia/Shanghai', '2025-12-31T16:00:00Z', '2026-12-31T16:00:00Z'],
    // Still 31 December 22:00 in New York.
    ['2027-01-01T03:00:00Z', 'year', 'America/New_York', '2026-01-01T05:00:00Z', '2027-01-01T05:00:00Z'],
  ];

  it.each(cases)('%s: the %s in %s is [%s, %s)', (instant, unit, zone, start, next) => {
    expect(startOfPeriod(ms(instant), unit, zone)).toEqual(new Date(start));
    expect(startOfNextPeriod(new Date(instant), unit, zone)).toEqual(new Date(next));
  });

  it('always covers the instant with [start, next), and the next period starts where this one ends', () => {
    const zones = [
      'UTC',
      'Asia/Shanghai',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Beirut',
      'Australia/Lord_Howe',
    ];
    const units: CalendarPeriod[] = ['day', 'week', 'month', 'quarter', 'half-year', 'year'];
    fc.assert(
      fc.property(
        fc.integer({ min: ms('2000-01-01T00:00:00Z'), max: ms('2040-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        fc.constantFrom(...units),
        (t, zone, unit) => {
          const start = startOfPeriod(t, unit, zone).getTime();
          const next = startOfNextPeriod(t, unit, zone).getTime();
          expect(start).toBeLessThanOrEqual(t);
          expect(next).toBeGreaterThan(t);
          expect(startOfPeriod(next - 1, unit, zone).getTime()).toBe(start);
          expect(startOfPeriod(next, unit, zone).getTime()).toBe(next);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('adding local days and months', () => {
  it('keeps the wall-clock time to the second across DST changes (a 30-day return window)', () => {
    // 15:05:06 CET + 30 days = 15:05:06 CEST, 23 h + 29 days later.
    expect(iso(addLocalDays(ms('2026-03-20T14:05:06Z'), 30, 'Europe/Berlin'))).toBe(
      '2026-04-19T13:05:06.000Z',
    );
    expect(iso(addLocalDays(new Date('2026-10-15T13:30:15.250Z'), 30, 'America/New_York'))).toBe(
      '2026-11-14T14:30:15.250Z',
    );
    expect(iso(addLocalDays(ms('2026-04-19T13:05:06Z'), -30, 'Europe/Berlin'))).toBe(
      '2026-03-20T14:05:06.000Z',
    );
  });

  it('lands on the jump or the first occurrence when the wall time is skipped or repeated', () => {
    expect(iso(addLocalDays(ms('2026-03-28T01:30:00Z'), 1, 'Europe/Berlin'))).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(iso(addLocalDays(ms('2026-10-24T00:30:00Z'), 1, 'Europe/Berlin'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('clamps the day to the end of a shorter month, leap day included', () => {
    expect(iso(addLocalMonths(ms('2028-01-31T15:00:00Z'), 1, 'America/New_York'))).toBe(
      '2028-02-29T15:00:00.000Z',
    );
    expect(iso(addLocalMonths(ms('2028-02-29T15:00:00Z'), 12, 'America/New_York'))).toBe(
      '2029-02-28T15:00:00.000Z',
    );
    expect(iso(addLocalMonths(ms('2026-01-31T02:00:00Z'), 6, 'Asia/Shanghai'))).toBe(
      '2026-07-31T02:00:00.000Z',
    );
    // 1 Feb 10:00 EST + 6 months = 1 Aug 10:00 EDT.
    expect(iso(addLocalMonths(ms('2026-02-01T15:00:00Z'), 6, 'America/New_York'))).toBe(
      '2026-08-01T14:00:00.000Z',
    );
  });

  it('adds calendar days and months to dates', () => {
    expect(addCalendarDays(date('2028-02-28'), 1)).toEqual(date('2028-02-29'));
    expect(addCalendarDays(date('2027-02-28'), 1)).toEqual(date('2027-03-01'));
    expect(addCalendarDays(date('2026-01-01'), -1)).toEqual(date('2025-12-31'));
    expect(addCalendarMonths(date('2026-03-31'), -1)).toEqual(date('2026-02-28'));
    expect(addCalendarMonths(date('2026-11-15'), 3)).toEqual(date('2027-02-15'));
    expect(addCalendarMonths(date('2026-01-15'), -13)).toEqual(date('2024-12-15'));
  });
});

describe('dates, times and zone names', () => {
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('writes, compares and names the weekday of dates', () => {
    expect(formatLocalDate({ year: 2026, month: 3, day: 1 })).toBe('2026-03-01');
    expect(compareLocalDates(date('2026-03-01'), date('2026-02-28'))).toBeGreaterThan(0);
    expect(compareLocalDates(date('2026-03-01'), date('2026-03-01'))).toBe(0);
    expect(compareLocalDates(date('2025-12-31'), date('2026-01-01'))).toBeLessThan(0);
    expect(weekdayOf(date('2026-03-01'))).toBe(0); // Sunday
    expect(weekdayOf(date('2026-03-02'))).toBe(1);
  });

  it('reads HH:MM times, with 24:00 as the end of the day', () => {
    expect(minuteOfDay('00:00')).toBe(0);
    expect(minuteOfDay('09:30')).toBe(570);
    expect(minuteOfDay('23:59')).toBe(1439);
    expect(minuteOfDay('24:00')).toBe(1440);
    for (const bad of ['9:30', '24:01', '12:60', '1200', '', '12:00:00']) expect(minuteOfDay(bad)).toBeNull();
  });

  it('accepts IANA zone names in their canonical spelling and nothing else', () => {
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata'); // not ICU's legacy Asia/Calcutta
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    for (const bad of ['Mars/Olympus', '+08:00', 'Shanghai', '', 'Asia/Shanghai; DROP']) {
      expect(canonicalTimeZone(bad)).toBeNull();
      expect(isTimeZone(bad)).toBe(false);
    }
    expect(isTimeZone('europe/berlin')).toBe(true);
  });
});
