import { dueAfter, isOverdue } from './time-limit';

describe('step time limits', () => {
  const limits = { open: 24, waiting: 0, done: null };

  it('counts the hours from the given instant; a final state has no limit', () => {
    const at = new Date('2026-11-01T10:00:00Z');
    expect(dueAfter(limits, 'open', at)).toEqual(new Date('2026-11-02T10:00:00Z'));
    expect(dueAfter(limits, 'waiting', at)).toEqual(at);
    expect(dueAfter(limits, 'done', at)).toBeNull();
  });

  it('is overdue only after the limit, to the millisecond', () => {
    const dueAt = new Date('2026-11-02T10:00:00Z');
    expect(isOverdue({ dueAt }, new Date('2026-11-02T10:00:00.000Z'))).toBe(false);
    expect(isOverdue({ dueAt }, new Date('2026-11-02T10:00:00.001Z'))).toBe(true);
    expect(isOverdue({ dueAt: null }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
