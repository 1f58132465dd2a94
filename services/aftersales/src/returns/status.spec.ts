import { canMove, stepDueAt } from './status';

describe('return steps', () => {
  it('follows requested -> approved -> goods-received -> inspected -> refunded|exchanged -> completed', () => {
    expect(canMove('requested', 'approved')).toBe(true);
    expect(canMove('approved', 'goods-received')).toBe(true);
    expect(canMove('goods-received', 'inspected')).toBe(true);
    expect(canMove('inspected', 'refunded')).toBe(true);
    expect(canMove('inspected', 'exchanged')).toBe(true);
    expect(canMove('refunded', 'completed')).toBe(true);
  });

  it('refuses skipped steps and anything after the end', () => {
    expect(canMove('requested', 'refunded')).toBe(false);
    expect(canMove('approved', 'inspected')).toBe(false);
    expect(canMove('rejected', 'approved')).toBe(false);
    expect(canMove('completed', 'rejected')).toBe(false);
    expect(canMove('refunded', 'rejected')).toBe(false);
  });

  it('gives the first response 24 h and the final states no limit', () => {
    const at = new Date('2026-11-01T10:00:00Z');
    expect(stepDueAt('requested', at)).toEqual(new Date('2026-11-02T10:00:00Z'));
    expect(stepDueAt('approved', at)).toEqual(new Date('2026-11-08T10:00:00Z'));
    expect(stepDueAt('completed', at)).toBeNull();
  });
});
