import type { OpeningHours } from '../policy/policy.entity';

/**
 * Working-time arithmetic in a store's business calendar. Pure: no Nest, no TypeORM, no clock.
 *
 * Opening hours are local wall times in the calendar's IANA zone, so "10:00 to 22:00" stays
 * 10:00 to 22:00 across a DST change (that day simply has one hour more or less of night). Zones
 * are resolved with `Intl.DateTimeFormat`, which ships the tz database with Node: no dependency.
 */
export interface BusinessCalendar {
  /** IANA zone the opening hours and holidays are written in, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** '0' (Sunday) .. '6' (Saturday) -> [from, to) local times 'HH:MM'; '24:00' ends at midnight. */
  weekly: OpeningHours;
  /** Local dates 'YYYY-MM-DD' closed all day. */
  holidays: string[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A calendar closed for longer than this has a mistake in it (no hours, or a year of holidays). */
const MAX_CLOSED_DAYS = 400;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

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
  for (let closedDays = 0; closedDays <= MAX_CLOSED_DAYS; date = nextDay(date)) {
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
  const last = dateKey(localDateOf(to, cal.timeZone));
  let total = 0;
  for (let date = localDateOf(from, cal.timeZone); dateKey(date) <= last; date = nextDay(date)) {
    for (const [open, close] of openingIntervals(date, cal))
      total += Math.max(0, Math.min(close, to) - Math.max(open, from));
  }
  return total;
}

/** The instants [open, close) a calendar is open on one local date (none on a holiday). */
function openingIntervals(date: LocalDate, cal: CompiledCalendar): [number, number][] {
  if (cal.holidays.has(isoDate(date))) return [];
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const intervals: [number, number][] = [];
  for (const [from, to] of cal.weekly[weekday]) {
    const open = instantOf(date, from, cal.timeZone);
    const close = instantOf(date, to, cal.timeZone);
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
  formatter(calendar.timeZone); // throws RangeError on an unknown zone
  const weekly = Array.from({ length: 7 }, (_, weekday) => {
    const ranges = (calendar.weekly[String(weekday)] ?? []).map(({ from, to }): [number, number] => {
      const range: [number, number] = [minuteOfDay(from), minuteOfDay(to)];
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

function minuteOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  if (hhmm === '24:00') return 24 * 60;
  throw new RangeError(`"${hhmm}" is not a local time HH:MM`);
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

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: constructing them is the expensive part of Intl. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
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
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at an instant, read as if it were UTC (ms), to the second. */
function wallClockAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** UTC offset of the zone at an instant, in ms (east of Greenwich positive). */
function offsetAt(instant: number, timeZone: string): number {
  return wallClockAt(instant, timeZone) - (instant - modulo(instant, 1000));
}

function localDateOf(instant: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockAt(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * The instant a local wall time (minute of the day, 1440 = next midnight) happens in the zone.
 * Twice in an autumn fall-back hour: the first. Skipped by a spring-forward jump: the instant of the
 * jump, when the wall clock passes it (so 02:30-05:00 on a 02:00 -> 03:00 night is 03:00-05:00 DST).
 */
function instantOf(date: LocalDate, minute: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minute * MINUTE;
  const before = wall - offsetAt(wall - DAY, timeZone);
  const after = wall - offsetAt(wall + DAY, timeZone);
  const exact = [before, after].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (exact.length) return Math.min(...exact);
  return transitionBetween(Math.min(before, after), Math.max(before, after), timeZone);
}

/** The first instant in (lo, hi] with hi's offset, by bisection (only on the night of a jump). */
function transitionBetween(lo: number, hi: number, timeZone: string): number {
  const target = offsetAt(hi, timeZone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === target) hi = mid;
    else lo = mid;
  }
  return hi;
}

function nextDay(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function dateKey(date: LocalDate): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

function isoDate(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}

function modulo(n: number, m: number): number {
  return ((n % m) + m) % m;
}
