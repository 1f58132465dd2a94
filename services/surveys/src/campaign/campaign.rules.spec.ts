import { DAY_MS } from '@cx/platform';
import { dueMembers, spreadSendAt } from './campaign.rules';

const start = new Date('2026-06-01T01:00:00.000Z');

describe('spreadSendAt', () => {
  it('spreads members evenly over the days, the last before the end', () => {
    const at = [0, 1, 2, 3].map((n) => spreadSendAt(start, n, 4, 2).getTime() - start.getTime());
    expect(at).toEqual([0, DAY_MS / 2, DAY_MS, (3 * DAY_MS) / 2]);
    expect(spreadSendAt(start, 999, 1000, 3).getTime()).toBeLessThan(start.getTime() + 3 * DAY_MS);
  });

  it('sends a lone member at the start', () => {
    expect(spreadSendAt(start, 0, 1, 5)).toEqual(start);
  });
});

describe('dueMembers', () => {
  it('counts the first members whose send time has come by the horizon', () => {
    expect(dueMembers(start, 4, 2, new Date(start.getTime() - 1))).toBe(0);
    expect(dueMembers(start, 4, 2, start)).toBe(1);
    expect(dueMembers(start, 4, 2, new Date(start.getTime() + DAY_MS / 2 - 1))).toBe(1);
    expect(dueMembers(start, 4, 2, new Date(start.getTime() + DAY_MS / 2))).toBe(2);
    expect(dueMembers(start, 4, 2, new Date(start.getTime() + 10 * DAY_MS))).toBe(4);
    expect(dueMembers(start, 0, 2, start)).toBe(0);
  });

  it('agrees with spreadSendAt for every member of an uneven spread', () => {
    const members = 100_003;
    for (const hours of [0, 1, 7, 23, 49, 71]) {
      const horizon = new Date(start.getTime() + hours * 3_600_000 + 12_345);
      const due = dueMembers(start, members, 3, horizon);
      expect(spreadSendAt(start, due - 1, members, 3) <= horizon).toBe(true);
      if (due < members) expect(spreadSendAt(start, due, members, 3) > horizon).toBe(true);
    }
  });
});
