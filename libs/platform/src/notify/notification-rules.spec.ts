import { customerAddresses, messageTime, metricFigure } from './notification-rules';

describe('customerAddresses', () => {
  const both = { email: 'mei@example.com', phone: '+8613800138000', consent: { email: true, sms: true } };

  const email = { channel: 'email', to: 'mei@example.com' };
  const sms = { channel: 'webhook', to: '+8613800138000' };

  it('writes by email first, then by SMS, each only when the customer agreed to it', () => {
    expect(customerAddresses(both)).toEqual([email, sms]);
    expect(customerAddresses({ ...both, consent: { email: false, sms: true } })).toEqual([sms]);
  });

  it('takes SMS first when the customer prefers it and agreed to it', () => {
    expect(customerAddresses({ ...both, preferredChannel: 'sms' })).toEqual([sms, email]);
    expect(
      customerAddresses({ ...both, preferredChannel: 'sms', consent: { email: true, sms: false } }),
    ).toEqual([email]);
  });

  it('has no address without consent, or without the detail the consent is for', () => {
    expect(customerAddresses({ ...both, consent: { email: false, sms: false } })).toEqual([]);
    expect(customerAddresses({ consent: { email: true, sms: true } })).toEqual([]);
    expect(customerAddresses({ phone: '+8613800138000', consent: { email: true, sms: false } })).toEqual([]);
  });
});

describe('messageTime', () => {
  it("shows the instant on the zone's wall clock, to the minute", () => {
    expect(messageTime('2026-06-08T02:00:00Z', 'Asia/Shanghai')).toBe('2026-06-08 10:00');
    expect(messageTime(new Date('2026-12-31T16:30:59Z'), 'Asia/Shanghai')).toBe('2027-01-01 00:30');
    expect(messageTime('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-29 03:30');
  });
});

describe('metricFigure', () => {
  it('shows rates as percentages and other figures as they are', () => {
    expect(metricFigure('customer-satisfaction', 0.724)).toBe('72.4%');
    expect(metricFigure('resolution-rate', 0.95)).toBe('95%');
    expect(metricFigure('complaint-resolution-time', 51.256)).toBe('51.26');
    expect(metricFigure('nps', 32)).toBe('32');
  });
});
