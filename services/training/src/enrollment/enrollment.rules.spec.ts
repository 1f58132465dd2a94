import { attemptOutcome, newHireDueAt } from './enrollment.rules';

describe('newHireDueAt', () => {
  it('is the end of the local day 3 calendar months after hire', () => {
    // Shanghai: 2026-11-02 00:00 local is 2026-11-01T16:00Z.
    expect(newHireDueAt('2026-08-01', 'Asia/Shanghai').toISOString()).toBe('2026-11-01T16:00:00.000Z');
    expect(newHireDueAt('2026-08-01', 'UTC').toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(newHireDueAt('2026-11-30', 'UTC').toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(newHireDueAt('2026-11-30', 'UTC').toISOString()).toBe(
      newHireDueAt('2026-11-28', 'UTC').toISOString(),
    );
  });

  it('follows the zone across a daylight-saving change', () => {
    // Berlin is UTC+2 in summer, UTC+1 from 25 Oct 2026: the deadline is local midnight of 2 Nov.
    expect(newHireDueAt('2026-08-01', 'Europe/Berlin').toISOString()).toBe('2026-11-01T23:00:00.000Z');
  });
});

describe('attemptOutcome', () => {
  it('passes at the passing score, fails one point below', () => {
    expect(attemptOutcome(80, 80, 0, 3)).toEqual({ passed: true, attemptsLeft: 2, refused: false });
    expect(attemptOutcome(79, 80, 0, 3)).toEqual({ passed: false, attemptsLeft: 2, refused: false });
  });

  it('refuses an attempt beyond the limit, and never limits a course without one', () => {
    expect(attemptOutcome(100, 80, 2, 3)).toEqual({ passed: true, attemptsLeft: 0, refused: false });
    expect(attemptOutcome(100, 80, 3, 3)).toEqual({ passed: false, attemptsLeft: 0, refused: true });
    expect(attemptOutcome(10, 80, 50, null)).toEqual({ passed: false, attemptsLeft: null, refused: false });
  });
});
