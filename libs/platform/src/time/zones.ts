import { DAY_MS, HOUR_MS, MINUTE_MS } from './durations';

/**
 * Time-zone arithmetic for every service: zone offsets, local dates and wall clocks, local times to
 * instants, and calendar periods (day .. year) in a zone. Pure. Zones come from `Intl`, which ships
 * the tz database with Node: no dependency to keep current.
 *
 * A local wall time that a spring-forward jump skips maps to the jump (the instant the wall clock
 * passes it); one that an autumn fall-back repeats maps to its first occurrence.
 */

/** A local calendar date; `month` is 1..12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A zone's wall clock at an instant, to the second. */
export interface WallClock extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

/** Calendar periods; weeks are ISO weeks (Monday to Sunday). */
export type CalendarPeriod = 'day' | 'week' | 'month' | 'quarter' | 'half-year' | 'year';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
// Intl also accepts offsets ("+08:00") and some aliases on newer ICU; a stored zone is a name.
const ZONE_NAME = /^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+){1,2})$/;
/** Bounds the cache when callers pass zone names in many spellings (asia/shanghai, ASIA/SHANGHAI...). */
const MAX_FORMATTERS = 1_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: constructing them is the expensive part of Intl. Throws RangeError on an unknown zone. */
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
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The IANA time zone as it should be stored ('asia/shanghai' -> 'Asia/Shanghai'), or null if unknown.
 * Only the case is corrected: ICU would also swap current names for legacy aliases (Asia/Kolkata ->
 * Asia/Calcutta), which would surprise whoever typed them.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!ZONE_NAME.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

/** An IANA zone name this runtime knows, in any case (not an offset such as '+08:00'). */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/** Throws RangeError unless `Intl` knows the zone. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

const epochOf = (instant: Date | number): number =>
  typeof instant === 'number' ? instant : instant.getTime();

/** The zone's offset at an instant (ms, whole seconds), asked of Intl: a few microseconds each time. */
function offsetFromIntl(instant: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wallSecond = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallSecond - (instant - modulo(instant, 1000));
}

/**
 * Per zone, per UTC hour (epoch ms / HOUR_MS, floored): the offset throughout that hour, or NaN when it
 * changes inside it. Offsets change at most a few times a year, so nearly every hour has one offset,
 * and an hour asked about once is answered from here afterwards; the hours with a transition (and only
 * those) ask Intl every time. Bounded: a zone's map is emptied when it grows past MAX_HOURS.
 */
const offsetsByHour = new Map<string, Map<number, number>>();
const MAX_HOURS = 100_000;

/** Milliseconds the zone's wall clock is ahead of UTC at `instant` (+8 h for Asia/Shanghai, -5 h for New York in winter). */
export function zoneOffsetMs(instant: Date | number, timeZone: string): number {
  const t = epochOf(instant);
  let hours = offsetsByHour.get(timeZone);
  if (!hours) {
    formatter(timeZone); // an unknown zone throws here, before it gets a cache
    if (offsetsByHour.size >= MAX_FORMATTERS) offsetsByHour.clear();
    hours = new Map();
    offsetsByHour.set(timeZone, hours);
  }
  const hour = Math.floor(t / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    // Transitions fall on whole seconds: the same offset at the hour's first and last second means no
    // transition inside it (two within one hour that cancel out do not occur in the tz database).
    const first = offsetFromIntl(hour * HOUR_MS, timeZone);
    const last = offsetFromIntl(hour * HOUR_MS + HOUR_MS - 1000, timeZone);
    offset = first === last ? first : NaN;
    if (hours.size >= MAX_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? offsetFromIntl(t, timeZone) : offset;
}

/** The zone's wall clock at an instant, read as if it were UTC (ms), to the second. */
function wallSecondAt(instant: number, timeZone: string): number {
  return instant - modulo(instant, 1000) + zoneOffsetMs(instant, timeZone);
}

/** The local date in the zone at an instant. */
export function localDateOf(instant: Date | number, timeZone: string): LocalDate {
  return dateOfWall(wallSecondAt(epochOf(instant), timeZone));
}

/** The zone's wall clock at an instant. */
export function wallClockOf(instant: Date | number, timeZone: string): WallClock {
  const wall = new Date(wallSecondAt(epochOf(instant), timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/**
 * The instant (epoch ms) the zone's wall clock shows `timeOfDayMs` after midnight on `date`;
 * `DAY_MS` is the next midnight. Skipped by a spring-forward jump: the instant of the jump (so
 * 02:30 on a 02:00 -> 03:00 night is 03:00). Twice in a fall-back hour: the first.
 */
export function instantOfLocal(date: LocalDate, timeOfDayMs: number, timeZone: string): number {
  return instantOfWall(Date.UTC(date.year, date.month - 1, date.day) + timeOfDayMs, timeZone);
}

/** The instant a wall time (read as UTC ms) happens in the zone; see instantOfLocal. */
function instantOfWall(wall: number, timeZone: string): number {
  // Offsets a day either side of the wall time bracket any transition near it.
  const before = wall - zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = wall - zoneOffsetMs(wall + DAY_MS, timeZone);
  const exact = [before, after].filter((t) => t + zoneOffsetMs(t, timeZone) === wall);
  if (exact.length) return Math.min(...exact);
  return transitionBetween(Math.min(before, after), Math.max(before, after), timeZone);
}

/** The first instant in (lo, hi] with hi's offset, by bisection (only on the night of a jump). */
function transitionBetween(lo: number, hi: number, timeZone: string): number {
  const target = zoneOffsetMs(hi, timeZone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(mid, timeZone) === target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The first instant of a local date in the zone (local midnight, or the jump where midnight is skipped). */
export function startOfLocalDay(date: string | LocalDate, timeZone: string): Date {
  if (typeof date !== 'string') return new Date(instantOfLocal(date, 0, timeZone));
  const local = parseCalendarDate(date);
  if (!local) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  return new Date(instantOfLocal(local, 0, timeZone));
}

/** The start of the period (in the zone's calendar) that contains `instant`. */
export function startOfPeriod(instant: Date | number, period: CalendarPeriod, timeZone: string): Date {
  return startOfLocalDay(firstDayOf(localDateOf(instant, timeZone), period), timeZone);
}

/** The start of the period after the one containing `instant`: [startOfPeriod, startOfNextPeriod) is that period. */
export function startOfNextPeriod(instant: Date | number, period: CalendarPeriod, timeZone: string): Date {
  const first = firstDayOf(localDateOf(instant, timeZone), period);
  const next =
    period === 'day'
      ? addCalendarDays(first, 1)
      : period === 'week'
        ? addCalendarDays(first, 7)
        : addCalendarMonths(first, MONTHS[period]);
  return startOfLocalDay(next, timeZone);
}

const MONTHS = { month: 1, quarter: 3, 'half-year': 6, year: 12 } as const;

function firstDayOf(date: LocalDate, period: CalendarPeriod): LocalDate {
  switch (period) {
    case 'day':
      return date;
    case 'week':
      return addCalendarDays(date, -((weekdayOf(date) + 6) % 7));
    case 'month':
    case 'quarter':
    case 'half-year':
    case 'year': {
      const span = MONTHS[period];
      return { year: date.year, month: Math.floor((date.month - 1) / span) * span + 1, day: 1 };
    }
  }
}

/** The same wall-clock time `days` local days later (a local day is 23 or 25 h long on DST days). */
export function addLocalDays(instant: Date | number, days: number, timeZone: string): Date {
  const wall = wallOf(epochOf(instant), timeZone);
  return new Date(instantOfLocal(addCalendarDays(dateOfWall(wall), days), modulo(wall, DAY_MS), timeZone));
}

/** The same wall-clock time `months` later; the day is clamped to the month's last (31 Jan + 1 month = 28/29 Feb). */
export function addLocalMonths(instant: Date | number, months: number, timeZone: string): Date {
  const wall = wallOf(epochOf(instant), timeZone);
  return new Date(
    instantOfLocal(addCalendarMonths(dateOfWall(wall), months), modulo(wall, DAY_MS), timeZone),
  );
}

/** The wall clock to the millisecond, read as UTC. */
function wallOf(instant: number, timeZone: string): number {
  return instant + zoneOffsetMs(instant, timeZone);
}

function dateOfWall(wall: number): LocalDate {
  const d = new Date(wall);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return dateOfWall(Date.UTC(date.year, date.month - 1, date.day + days));
}

/** `months` calendar months later, the day clamped to the last of the month. */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + date.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = modulo(index, 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDay) };
}

/** 0 = Sunday .. 6 = Saturday, as Date#getDay. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** 'YYYY-MM-DD' of a real calendar day, or null (2026-02-30 is not one). */
export function parseCalendarDate(value: string): LocalDate | null {
  const m = YMD.exec(value);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return compareLocalDates(addCalendarDays(date, 0), date) === 0 ? date : null;
}

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  return parseCalendarDate(value) !== null;
}

/** 'YYYY-MM-DD'. */
export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** A local time 'HH:MM' (24-hour clock) as minutes after midnight, or null; '24:00' (closing at midnight) is 1440. */
export function minuteOfDay(hhmm: string): number | null {
  if (hhmm === '24:00') return DAY_MS / MINUTE_MS;
  const m = HH_MM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function modulo(n: number, m: number): number {
  return ((n % m) + m) % m;
}
