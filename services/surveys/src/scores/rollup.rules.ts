// Which rows answer a scores query: the daily rollup (response_daily, ADR 0024) for the local days that
// lie wholly inside one period and are rolled up already, the raw answers for everything else (the
// partial days at a period's edges when the caller counts in another zone, and the days since the
// rollup's watermark). Pure; cases in rollup.rules.spec.ts.
import {
  addCalendarDays,
  compareLocalDates,
  formatLocalDate,
  LocalDate,
  localDateOf,
  parseCalendarDate,
  startOfLocalDay,
} from '@cx/platform';

/**
 * The zone whose local days the rollup counts. The company's stores are in China (one zone, no DST);
 * a caller counting in another zone still gets exact figures, with the partial days read raw.
 * Changing it means rebuilding response_daily (ADR 0024).
 */
export const ROLLUP_TIME_ZONE = 'Asia/Shanghai';

/** Local midnights already found: startOfLocalDay searches with Intl, ~15 % of a trend's CPU in a profile. */
const dayStarts = new Map<string, number>();

/** The first instant of a local date in `zone`, remembered (the zone's rules do not change while running). */
function dayStart(date: LocalDate, zone: string): Date {
  const key = `${zone} ${formatLocalDate(date)}`;
  let t = dayStarts.get(key);
  if (t === undefined) {
    if (dayStarts.size >= 10_000) dayStarts.clear();
    t = startOfLocalDay(date, zone).getTime();
    dayStarts.set(key, t);
  }
  return new Date(t);
}

export interface SourcePlan {
  /** Rolled-up local days (YYYY-MM-DD) to read from response_daily; each lies inside one period. */
  days: string[];
  /** Instant ranges [from, to) to read from the raw answers, merged, in order. */
  raw: [Date, Date][];
}

/**
 * `bounds` are the periods' edges, b0 < b1 < ... < bn (n periods). `rolledUntil` is the rollup's
 * watermark: days before it are in response_daily (null: nothing is).
 */
export function planSources(
  bounds: Date[],
  rolledUntil: LocalDate | null,
  zone = ROLLUP_TIME_ZONE,
): SourcePlan {
  const days: string[] = [];
  const raw: [Date, Date][] = [];
  const addRaw = (from: Date, to: Date) => {
    if (from >= to) return;
    const last = raw[raw.length - 1];
    if (last && last[1].getTime() === from.getTime()) last[1] = to;
    else raw.push([from, to]);
  };
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    let first = localDateOf(from, zone);
    if (dayStart(first, zone) < from) first = addCalendarDays(first, 1);
    // Days before the one holding `to` end at or before `to`.
    let end = localDateOf(to, zone);
    if (rolledUntil && compareLocalDates(rolledUntil, end) < 0) end = rolledUntil;
    if (!rolledUntil || compareLocalDates(first, end) >= 0) {
      addRaw(from, to);
      continue;
    }
    addRaw(from, dayStart(first, zone));
    for (let d = first; compareLocalDates(d, end) < 0; d = addCalendarDays(d, 1))
      days.push(formatLocalDate(d));
    addRaw(dayStart(end, zone), to);
  }
  return { days, raw };
}

/**
 * The last local day the rollup may count at `now`: a day is closed once it ended `graceMs` ago, so an
 * answer whose transaction began before midnight has committed. Answers are stamped with the time they
 * are recorded, never earlier, so a closed day gains no rows later.
 */
export function lastClosedDay(now: Date, graceMs: number, zone = ROLLUP_TIME_ZONE): LocalDate {
  return addCalendarDays(localDateOf(now.getTime() - graceMs, zone), -1);
}

/**
 * The plan's days as one range and the days inside it to leave out (those straddling a period's edge),
 * so the rollup is read with one index range (and index-only) rather than a probe per day.
 */
export function dayRange(days: string[]): { from: string; until: string; except: string[] } | null {
  if (!days.length) return null;
  const wanted = new Set(days);
  const first = parseCalendarDate(days[0])!;
  const last = parseCalendarDate(days[days.length - 1])!;
  const except: string[] = [];
  for (let d = first; compareLocalDates(d, last) < 0; d = addCalendarDays(d, 1)) {
    const day = formatLocalDate(d);
    if (!wanted.has(day)) except.push(day);
  }
  return { from: days[0], until: formatLocalDate(addCalendarDays(last, 1)), except };
}
