import { isOverdue, nextStatus } from './corrective-action.rules';

describe('isOverdue', () => {
  const dueAt = new Date('2026-11-30T10:00:00Z');

  it('is overdue only when open and past the due second', () => {
    expect(isOverdue({ status: 'open', dueAt }, new Date('2026-11-30T10:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'open', dueAt }, new Date('2026-11-30T10:00:01Z'))).toBe(true);
    expect(isOverdue({ status: 'done', dueAt }, new Date('2026-12-30T10:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'verified', dueAt }, new Date('2026-12-30T10:00:00Z'))).toBe(false);
  });
});

describe('nextStatus', () => {
  it('completes an open action, verifies a done one, and reopens one that did not work', () => {
    expect(nextStatus('open', 'complete')).toBe('done');
    expect(nextStatus('done', 'verified-effective')).toBe('verified');
    expect(nextStatus('done', 'verified-not-effective')).toBe('open');
  });

  it('refuses every other step', () => {
    expect(nextStatus('done', 'complete')).toBeNull();
    expect(nextStatus('verified', 'complete')).toBeNull();
    expect(nextStatus('open', 'verified-effective')).toBeNull();
    expect(nextStatus('open', 'verified-not-effective')).toBeNull();
    expect(nextStatus('verified', 'verified-effective')).toBeNull();
  });
});
