import {
  eventSubject,
  isServiceName,
  majorOf,
  parseSubject,
  producerOf,
  requestSubject,
  SERVICES,
  streamName,
  streamSubjects,
  subjectFamily,
  withMajor,
} from './index';

describe('parseSubject', () => {
  it('parses an event subject', () => {
    expect(parseSubject('evt.complaints.complaint.sla-breached.v1')).toEqual({
      kind: 'event',
      service: 'complaints',
      aggregate: 'complaint',
      event: 'sla-breached',
      major: 1,
    });
  });

  it('parses a request subject', () => {
    expect(parseSubject('rpc.crm.get-customer-tier.v12')).toEqual({
      kind: 'request',
      service: 'crm',
      operation: 'get-customer-tier',
      major: 12,
    });
  });

  it.each([
    ['3 tokens', 'evt.crm.v1'],
    ['4-token event', 'evt.crm.purchase.v1'],
    ['5-token request', 'rpc.crm.customer.get-tier.v1'],
    ['6 tokens', 'evt.crm.purchase.line.recorded.v1'],
    ['upper case', 'evt.crm.Purchase.recorded.v1'],
    ['upper-case root', 'EVT.crm.purchase.recorded.v1'],
    ['v0', 'evt.crm.purchase.recorded.v0'],
    ['leading zero major', 'evt.crm.purchase.recorded.v01'],
    ['no version', 'evt.crm.purchase.recorded.recorded'],
    ['upper-case V', 'evt.crm.purchase.recorded.V1'],
    ['unknown service', 'evt.billing.invoice.paid.v1'],
    ['unknown root', 'cmd.crm.purchase.recorded.v1'],
    ['wildcard', 'evt.crm.*.recorded.v1'],
    ['full wildcard', 'evt.crm.>'],
    ['empty token', 'evt.crm..recorded.v1'],
    ['underscore', 'evt.crm.purchase.was_recorded.v1'],
    ['leading digit', 'evt.crm.1purchase.recorded.v1'],
    ['trailing hyphen', 'evt.crm.purchase.recorded-.v1'],
    ['double hyphen', 'rpc.crm.get--tier.v1'],
    ['empty', ''],
  ])('rejects %s: %s', (_why, subject) => {
    expect(parseSubject(subject)).toBeNull();
  });
});

describe('subject builders', () => {
  it('build subjects that parse back', () => {
    const event = eventSubject('surveys', 'response', 'submitted', 2);
    expect(event).toBe('evt.surveys.response.submitted.v2');
    expect(parseSubject(event)).toMatchObject({ kind: 'event', service: 'surveys', major: 2 });
    expect(requestSubject('aftersales', 'check-warranty', 1)).toBe('rpc.aftersales.check-warranty.v1');
  });

  it('refuse to build a subject that breaks the rule', () => {
    expect(() => eventSubject('crm', 'Purchase', 'recorded', 1)).toThrow(/naming rule/);
    expect(() => eventSubject('crm', 'purchase', 'recorded', 0)).toThrow(/naming rule/);
    expect(() => requestSubject('crm', 'get.tier', 1)).toThrow(/naming rule/);
    expect(() => requestSubject('crm', 'get-tier', 1.5)).toThrow(/naming rule/);
  });

  it('name one stream per service that captures its events and no request', () => {
    expect(streamName('crm')).toBe('EVT_CRM');
    expect(streamName('aftersales')).toBe('EVT_AFTERSALES');
    expect(streamSubjects('complaints')).toBe('evt.complaints.>');
    for (const service of SERVICES) {
      expect(streamName(service)).toMatch(/^EVT_[A-Z]+$/);
      expect(requestSubject(service, 'ping', 1).startsWith(streamSubjects(service).slice(0, -1))).toBe(false);
    }
  });

  it('tells services apart', () => {
    expect(isServiceName('crm')).toBe(true);
    expect(isServiceName('CRM')).toBe(false);
    expect(isServiceName('billing')).toBe(false);
    expect(producerOf('evt.training.enrollment.created.v1')).toBe('training');
    expect(producerOf('nope')).toBeNull();
  });
});

describe('versioning helpers', () => {
  it('move a subject to another major within its family', () => {
    const v1 = 'evt.crm.purchase.recorded.v1';
    expect(subjectFamily(v1)).toBe('evt.crm.purchase.recorded');
    expect(majorOf(v1)).toBe(1);
    expect(withMajor(v1, 2)).toBe('evt.crm.purchase.recorded.v2');
    expect(withMajor('rpc.crm.get-customer-tier.v1', 3)).toBe('rpc.crm.get-customer-tier.v3');
    expect(() => withMajor(v1, 0)).toThrow();
    expect(() => withMajor('bad', 2)).toThrow();
    expect(majorOf('bad')).toBeNull();
  });
});
