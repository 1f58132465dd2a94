import { addWorkingTime, BusinessCalendar, workingTimeBetween } from './business-calendar';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => new Date(iso);
const day = (from: string, to: string) => [{ from, to }];
const everyDay = (from: string, to: string) =>
  Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, day(from, to)]));

/** An office in Shanghai (UTC+8, no DST): Mon-Fri 09-12 and 13-18, Sat 10-14, Sunday and 1 May closed. */
const shanghaiOffice: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  weekly: {
    '1': [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    '2': [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    '3': [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    '4': [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    '5': [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    '6': day('10:00', '14:00'),
  },
  holidays: ['2026-05-01'],
};

/** A Berlin store open 09-18 every day: CET (UTC+1) until 29 March 2026, CEST (UTC+2) until 25 October. */
const berlinStore: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weekly: everyDay('09:00', '18:00'),
  holidays: [],
};

describe('addWorkingTime', () => {
  it('adds plain elapsed time without a calendar', () => {
    expect(addWorkingTime(at('2026-03-02T01:00:00Z'), 24 * H, null)).toEqual(at('2026-03-03T01:00:00Z'));
    expect(addWorkingTime(at('2026-03-02T01:00:00.250Z'), 1_500, null)).toEqual(
      at('2026-03-02T01:00:01.750Z'),
    );
  });

  it('counts only opening hours, across the lunch break, into the next day (Mon 10:00 + 8 h = Tue 10:00)', () => {
    // 2026-03-02 is a Monday; 10:00 in Shanghai is 02:00Z.
    expect(addWorkingTime(at('2026-03-02T02:00:00Z'), 8 * H, shanghaiOffice)).toEqual(
      at('2026-03-03T02:00:00Z'),
    );
  });

  it('starts counting at the next opening when started before it, or in the lunch break', () => {
    expect(addWorkingTime(at('2026-03-01T23:00:00Z'), 1 * H, shanghaiOffice)).toEqual(
      at('2026-03-02T02:00:00Z'),
    ); // Mon 07:00 local
    expect(addWorkingTime(at('2026-03-02T04:30:00Z'), 30 * M, shanghaiOffice)).toEqual(
      at('2026-03-02T05:30:00Z'),
    ); // 12:30 -> 13:30
  });

  it('ends at closing time when the amount runs out exactly there, not at the next opening', () => {
    expect(addWorkingTime(at('2026-03-02T09:00:00Z'), 1 * H, shanghaiOffice)).toEqual(
      at('2026-03-02T10:00:00Z'),
    ); // 17:00 -> 18:00
  });

  it('skips the closed Sunday and the Saturday short day (Fri 17:00 + 6 h = Mon 10:00)', () => {
    expect(addWorkingTime(at('2026-03-06T09:00:00Z'), 6 * H, shanghaiOffice)).toEqual(
      at('2026-03-09T02:00:00Z'),
    );
  });

  it('skips holidays (Thu 30 Apr 17:00 + 2 h: 1 May closed, so Sat 2 May 11:00)', () => {
    expect(addWorkingTime(at('2026-04-30T09:00:00Z'), 2 * H, shanghaiOffice)).toEqual(
      at('2026-05-02T03:00:00Z'),
    );
  });

  it('is exact to the millisecond', () => {
    expect(addWorkingTime(at('2026-03-02T01:00:00Z'), 20 * M + 34_567, shanghaiOffice)).toEqual(
      at('2026-03-02T01:20:34.567Z'),
    );
    expect(addWorkingTime(at('2026-03-02T03:59:59Z'), 2_000, shanghaiOffice)).toEqual(
      at('2026-03-02T05:00:01Z'),
    ); // 11:59:59 + 2 s
  });

  it('returns the start itself for zero, even when closed; refuses negative or non-finite amounts', () => {
    expect(addWorkingTime(at('2026-03-01T04:00:00Z'), 0, shanghaiOffice)).toEqual(at('2026-03-01T04:00:00Z'));
    expect(() => addWorkingTime(at('2026-03-02T02:00:00Z'), -1, shanghaiOffice)).toThrow(RangeError);
    expect(() => addWorkingTime(at('2026-03-02T02:00:00Z'), Number.NaN, null)).toThrow(RangeError);
  });

  it('follows Europe/Berlin across the spring DST change (Sat 17:00 CET + 2 h = Sun 10:00 CEST)', () => {
    // Sat 28 Mar 17:00 CET = 16:00Z; Sun 29 Mar opens 09:00 CEST = 07:00Z (a fixed +01:00 would say 08:00Z).
    expect(addWorkingTime(at('2026-03-28T16:00:00Z'), 2 * H, berlinStore)).toEqual(
      at('2026-03-29T08:00:00Z'),
    );
  });

  it('follows Europe/Berlin across the autumn DST change (Sat 17:00 CEST + 2 h = Sun 10:00 CET)', () => {
    expect(addWorkingTime(at('2026-10-24T15:00:00Z'), 2 * H, berlinStore)).toEqual(
      at('2026-10-25T09:00:00Z'),
    );
  });

  it('treats a calendar open around the clock like no calendar, even over the 23 h and 25 h days', () => {
    const always: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      weekly: everyDay('00:00', '24:00'),
      holidays: [],
    };
    for (const start of ['2026-03-28T21:17:05Z', '2026-10-24T22:00:00Z', '2026-10-25T00:59:59Z'])
      for (const hours of [1, 23, 24, 25, 72])
        expect(addWorkingTime(at(start), hours * H, always)).toEqual(
          addWorkingTime(at(start), hours * H, null),
        );
  });

  it('counts the seed calendar (Shanghai 10:00-22:00 daily): a complaint at 23:00 gets 24 h by Wed 22:00', () => {
    const seed: BusinessCalendar = {
      timeZone: 'Asia/Shanghai',
      weekly: everyDay('10:00', '22:00'),
      holidays: [],
    };
    expect(addWorkingTime(at('2026-03-02T15:00:00Z'), 24 * H, seed)).toEqual(at('2026-03-04T14:00:00Z'));
  });
});

describe('workingTimeBetween', () => {
  it('is b - a without a calendar, and 0 when b is not after a', () => {
    expect(workingTimeBetween(at('2026-03-02T00:00:00Z'), at('2026-03-02T01:02:03Z'), null)).toBe(
      H + 2 * M + 3_000,
    );
    expect(workingTimeBetween(at('2026-03-02T05:00:00Z'), at('2026-03-02T05:00:00Z'), shanghaiOffice)).toBe(
      0,
    );
    expect(workingTimeBetween(at('2026-03-02T06:00:00Z'), at('2026-03-02T05:00:00Z'), null)).toBe(0);
  });

  it('counts the opening hours inside [a, b)', () => {
    expect(workingTimeBetween(at('2026-03-02T00:00:00Z'), at('2026-03-02T11:00:00Z'), shanghaiOffice)).toBe(
      8 * H,
    ); // 08:00-19:00
    expect(workingTimeBetween(at('2026-03-06T09:00:00Z'), at('2026-03-09T02:00:00Z'), shanghaiOffice)).toBe(
      6 * H,
    ); // Fri 17 -> Mon 10
    expect(workingTimeBetween(at('2026-04-30T09:00:00Z'), at('2026-05-02T03:00:00Z'), shanghaiOffice)).toBe(
      2 * H,
    ); // over 1 May
    expect(workingTimeBetween(at('2026-03-02T03:59:59Z'), at('2026-03-02T05:00:01Z'), shanghaiOffice)).toBe(
      2_000,
    );
  });

  it('counts the real length of days in Berlin: 23 h on 29 Mar and 25 h on 25 Oct when open all day', () => {
    const always: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      weekly: everyDay('00:00', '24:00'),
      holidays: [],
    };
    // Local midnight to local midnight.
    expect(workingTimeBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), always)).toBe(23 * H);
    expect(workingTimeBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), always)).toBe(25 * H);
    // Opening hours stay 9 h a day on both sides of the change: 47 h apart on the wall, 18 h of work.
    expect(workingTimeBetween(at('2026-03-28T08:00:00Z'), at('2026-03-30T07:00:00Z'), berlinStore)).toBe(
      18 * H,
    );
  });

  it('handles opening hours that touch the DST hours themselves', () => {
    const sundayNight = (from: string, to: string): BusinessCalendar => ({
      timeZone: 'Europe/Berlin',
      weekly: { '0': day(from, to) },
      holidays: [],
    });
    const sun29Mar = [at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z')] as const;
    const sun25Oct = [at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z')] as const;
    // 01:00-04:00 lasts 2 h when the clocks spring forward and 4 h when they fall back.
    expect(workingTimeBetween(...sun29Mar, sundayNight('01:00', '04:00'))).toBe(2 * H);
    expect(workingTimeBetween(...sun25Oct, sundayNight('01:00', '04:00'))).toBe(4 * H);
    // 02:30 does not exist on 29 Mar: the wall clock passes it when it jumps 02:00 -> 03:00, so 02:30-05:00 is 2 h.
    expect(workingTimeBetween(...sun29Mar, sundayNight('02:30', '05:00'))).toBe(2 * H);
    expect(addWorkingTime(sun29Mar[0], 30 * M, sundayNight('02:30', '05:00'))).toEqual(
      at('2026-03-29T01:30:00Z'),
    ); // 03:30 CEST
    // 02:30 happens twice on 25 Oct: the first one counts, so 02:30-03:00 is 1.5 h.
    expect(workingTimeBetween(...sun25Oct, sundayNight('02:30', '03:00'))).toBe(1.5 * H);
    // A range wholly inside the gap has no time in it.
    expect(workingTimeBetween(...sun29Mar, sundayNight('02:00', '02:59'))).toBe(0);
  });

  it('is the inverse of addWorkingTime, which always lands on the earliest such instant', () => {
    const starts = [
      '2026-03-02T00:00:00Z',
      '2026-03-04T04:12:13Z',
      '2026-03-06T09:59:59.999Z',
      '2026-04-30T08:00:00Z',
    ];
    const amounts = [1, 999, 30 * M + 7_000, 3 * H, 8 * H, 17 * H + 1, 72 * H];
    for (const cal of [shanghaiOffice, berlinStore])
      for (const s of starts)
        for (const ms of amounts) {
          const end = addWorkingTime(at(s), ms, cal);
          expect(workingTimeBetween(at(s), end, cal)).toBe(ms);
          expect(workingTimeBetween(at(s), new Date(end.getTime() - 1), cal)).toBe(ms - 1);
        }
  });
});

describe('calendar mistakes', () => {
  it('are refused with RangeError rather than counted wrongly or forever', () => {
    const start = at('2026-03-02T00:00:00Z');
    const bad = (c: Partial<BusinessCalendar>) => () =>
      addWorkingTime(start, H, {
        timeZone: 'Asia/Shanghai',
        weekly: everyDay('09:00', '18:00'),
        holidays: [],
        ...c,
      });
    expect(bad({ timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
    expect(bad({ weekly: { '1': day('9:00', '18:00') } })).toThrow(/not a local time/);
    expect(bad({ weekly: { '1': day('18:00', '09:00') } })).toThrow(/end after they start/);
    expect(bad({ weekly: {} })).toThrow(/no opening hours/);
    expect(bad({ holidays: ['1 May'] })).toThrow(/YYYY-MM-DD/);
  });

  it('stops looking after a year and more without a single open hour', () => {
    const mondaysOnly: BusinessCalendar = {
      timeZone: 'UTC',
      weekly: { '1': day('09:00', '10:00') },
      holidays: [],
    };
    for (
      let d = new Date('2026-03-02T00:00:00Z');
      mondaysOnly.holidays.length < 60;
      d = new Date(d.getTime() + 7 * 24 * H)
    )
      mondaysOnly.holidays.push(d.toISOString().slice(0, 10));
    expect(() => addWorkingTime(at('2026-03-01T00:00:00Z'), H, mondaysOnly)).toThrow(/closed for more than/);
  });
});
