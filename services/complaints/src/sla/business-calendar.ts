import {
  addCalendarDays,
  assertTimeZone,
  compareLocalDates,
  formatLocalDate,
  instantOfLocal,
  LocalDate,
  localDateOf,
  MINUTE_MS,
  minuteOfDay,
  weekdayOf,
} from '@cx/platform';
import type { OpeningHours } from '../policy/policy.entity';

/**
 * Working-time arithmetic in a store's business calendar. Pure: no Nest, no TypeORM, no clock.
 *
 * Opening hours are local wall times in the calendar's IANA zone, so "10:00 to 22:00" stays
 * 10:00 to 22:00 across a DST change (that day simply has one hour more or less of night). The zone
 * arithmetic is the platform's (`@cx/platform` time zones, docs/complaints/sla.md).
 */
export interface BusinessCalendar {
  /** IANA zone the opening hours and holidays are written in, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** '0' (Sunday) .. '6' (Saturday) -> [from, to) local times 'HH:MM'; '24:00' ends at midnight. */
  weekly: OpeningHours;
  /** Local dates 'YYYY-MM-DD' closed all day. */
  holidays: string[];
}

/** A calendar closed for longer than this has a mistake in it (no hours, or a year of holidays). */
const MAX_CLOSED_DAYS = 400;

/** The calendar parsed once: opening minutes per weekday and a holiday set. */
interface CompiledCalendar {
  timeZone: string;
  /** Index 0..6 = weekday; [fromMinute, toMinute) of the local day, sorted and merged. */
  weekly: [number, number][][];
  holidays: Set<string>;
}

/** Adds `ms` of working time to `from`; a start outside opening hours begins counting at the next opening. */
export function addWorkingTime(from: Date, ms: number, calendar: BusinessCalendar | null): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time to add must be >= 0 ms, got ${ms}`);
  const start = from.getTime();
  if (!calendar) return new Date(start + ms);
  if (ms === 0) return new Date(start);
  const cal = compile(calendar);
  let remaining = ms;
  let date = localDateOf(start, cal.timeZone);
  for (let closedDays = 0; closedDays <= MAX_CLOSED_DAYS; date = addCalendarDays(date, 1)) {
    const intervals = openingIntervals(date, cal);
    closedDays = intervals.length ? 0 : closedDays + 1;
    for (const [open, close] of intervals) {
      if (close <= start) continue;
      const begin = Math.max(open, start);
      // The earliest instant that has the whole amount: a deadline at closing time stays at closing time.
      if (remaining <= close - begin) return new Date(begin + remaining);
      remaining -= close - begin;
    }
  }
  throw new Error(`calendar in ${cal.timeZone} is closed for more than ${MAX_CLOSED_DAYS} days in a row`);
}

/** Working time in [a, b), in ms (0 when b <= a). */
export function workingTimeBetween(a: Date, b: Date, calendar: BusinessCalendar | null): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  if (!calendar) return to - from;
  const cal = compile(calendar);
  const last = localDateOf(to, cal.timeZone);
  let total = 0;
  for (
    let date = localDateOf(from, cal.timeZone);
    compareLocalDates(date, last) <= 0;
    date = addCalendarDays(date, 1)
  ) {
    for (const [open, close] of openingIntervals(date, cal))
      total += Math.max(0, Math.min(close, to) - Math.max(open, from));
  }
  return total;
}

/** The instants [open, close) a calendar is open on one local date (none on a holiday). */
function openingIntervals(date: LocalDate, cal: CompiledCalendar): [number, number][] {
  if (cal.holidays.has(formatLocalDate(date))) return [];
  const intervals: [number, number][] = [];
  for (const [from, to] of cal.weekly[weekdayOf(date)]) {
    // Skipped wall times map to the jump, repeated ones to their first occurrence.
    const open = instantOfLocal(date, from * MINUTE_MS, cal.timeZone);
    const close = instantOfLocal(date, to * MINUTE_MS, cal.timeZone);
    // A range lying wholly inside a spring-forward jump has no time in it.
    if (close > open) intervals.push([open, close]);
  }
  return intervals;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** Validates and parses a calendar; cached per calendar object, since a sweep reuses one many times. */
function compile(calendar: BusinessCalendar): CompiledCalendar {
  const hit = compiled.get(calendar);
  if (hit) return hit;
  assertTimeZone(calendar.timeZone);
  const weekly = Array.from({ length: 7 }, (_, weekday) => {
    const ranges = (calendar.weekly[String(weekday)] ?? []).map(({ from, to }): [number, number] => {
      const range: [number, number] = [openingMinute(from), openingMinute(to)];
      if (range[0] >= range[1]) throw new RangeError(`opening hours ${from}-${to} must end after they start`);
      return range;
    });
    return mergeRanges(ranges);
  });
  if (weekly.every((day) => day.length === 0))
    throw new RangeError('calendar has no opening hours on any weekday');
  for (const holiday of calendar.holidays)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday))
      throw new RangeError(`holiday "${holiday}" is not a YYYY-MM-DD date`);
  const result = { timeZone: calendar.timeZone, weekly, holidays: new Set(calendar.holidays) };
  compiled.set(calendar, result);
  return result;
}

function openingMinute(hhmm: string): number {
  const minute = minuteOfDay(hhmm);
  if (minute === null) throw new RangeError(`"${hhmm}" is not a local time HH:MM`);
  return minute;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [from, to] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}
