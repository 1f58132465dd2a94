// Birthdays in the next days, as pure calendar rules. Profiles keep the month and day in clear
// (`birthday_month_day`, e.g. 1231) for this; the full date stays encrypted.
import { addCalendarDays, LocalDate } from '@cx/platform';

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const MAX_BIRTHDAY_DAYS = 60;

/** The month-day code (month * 100 + day) of a date. */
export const monthDayOf = (d: LocalDate): number => d.month * 100 + d.day;

/**
 * The month-day codes to look for, with how many days from `today` each falls (0 = today), for
 * `days` days starting today. A 29 February birthday is kept on 28 February in a common year.
 */
export function birthdayWindow(today: LocalDate, days: number): Map<number, number> {
  const window = new Map<number, number>();
  for (let i = 0; i < days; i++) {
    const date = addCalendarDays(today, i);
    window.set(monthDayOf(date), i);
    if (date.month === 2 && date.day === 28 && !isLeapYear(date.year)) window.set(229, i);
  }
  return window;
}
