import { birthdayWindow, monthDayOf } from './birthday.rules';

describe('birthday window', () => {
  it('lists today and the next days as month-day codes with how far each is', () => {
    const w = birthdayWindow({ year: 2026, month: 12, day: 30 }, 4);
    expect([...w]).toEqual([
      [1230, 0],
      [1231, 1],
      [101, 2],
      [102, 3],
    ]);
    expect(monthDayOf({ year: 2026, month: 7, day: 4 })).toBe(704);
  });

  it('celebrates 29 February on the 28th in a common year, on the day in a leap year', () => {
    expect(birthdayWindow({ year: 2027, month: 2, day: 27 }, 3).get(229)).toBe(1);
    expect(birthdayWindow({ year: 2028, month: 2, day: 27 }, 3).get(229)).toBe(2);
    expect(birthdayWindow({ year: 2028, month: 2, day: 27 }, 3).get(228)).toBe(1);
  });

  it('is empty for no days', () => {
    expect(birthdayWindow({ year: 2026, month: 1, day: 1 }, 0).size).toBe(0);
  });
});
