import { certificationState, expiryOf, remindAt } from './certification.rules';

const at = new Date('2026-01-31T02:00:00.000Z');

describe('certification rules', () => {
  it('expires the same local time N months later, clamped to the month end', () => {
    expect(expiryOf(at, 1, 'Asia/Shanghai').toISOString()).toBe('2026-02-28T02:00:00.000Z');
    expect(expiryOf(at, 12, 'Asia/Shanghai').toISOString()).toBe('2027-01-31T02:00:00.000Z');
  });

  it('reminds the given days before expiry, never before the certification', () => {
    const expires = new Date('2027-01-31T02:00:00.000Z');
    expect(remindAt(at, expires, 30).toISOString()).toBe('2027-01-01T02:00:00.000Z');
    expect(remindAt(at, new Date('2026-02-10T02:00:00.000Z'), 30)).toEqual(at);
  });

  it('is valid, then expiring from the reminder on, then expired from expiry on, to the millisecond', () => {
    const remind = new Date('2027-01-01T02:00:00.000Z');
    const expires = new Date('2027-01-31T02:00:00.000Z');
    expect(certificationState(expires, remind, new Date(remind.getTime() - 1))).toBe('valid');
    expect(certificationState(expires, remind, remind)).toBe('expiring');
    expect(certificationState(expires, remind, new Date(expires.getTime() - 1))).toBe('expiring');
    expect(certificationState(expires, remind, expires)).toBe('expired');
  });
});
