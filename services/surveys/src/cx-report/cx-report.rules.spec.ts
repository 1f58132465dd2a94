import { activeFromProblem, isActive, MAX_START_AHEAD_MS } from './cx-report.rules';

const now = new Date('2026-11-01T10:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('isActive', () => {
  it('counts from activeFrom on, to the millisecond', () => {
    expect(isActive({ activeFrom: at(-1) }, now)).toBe(true);
    expect(isActive({ activeFrom: now }, now)).toBe(true);
    expect(isActive({ activeFrom: at(1) }, now)).toBe(false);
  });
});

describe('activeFromProblem', () => {
  it('takes the past and up to a year ahead', () => {
    expect(activeFromProblem(at(-MAX_START_AHEAD_MS * 10), now)).toBeNull();
    expect(activeFromProblem(at(MAX_START_AHEAD_MS), now)).toBeNull();
  });

  it('refuses more than a year ahead', () => {
    expect(activeFromProblem(at(MAX_START_AHEAD_MS + 1), now)).toBe('activeFrom is more than a year ahead');
  });
});
