import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  contracts,
  isServiceName,
  parseSubject,
  sampleEnvelopeFor,
  sampleFor,
  sampleReplyFor,
  SERVICES,
  Subjects,
  type EventSubject,
  type RequestSubject,
} from './index';

const registered = contracts.all();
const subjects = registered.map((entry) => entry.subject);
const events = registered
  .filter((entry) => entry.kind === 'event')
  .map((entry) => entry.subject as EventSubject);
const requests = registered
  .filter((entry) => entry.kind === 'request')
  .map((entry) => entry.subject as RequestSubject);

// The closed loop of events between the services (docs/contracts.md, "Every subject"): each must exist here.
const CLOSED_LOOP: Array<[subject: string, producer: string, consumers: string[]]> = [
  ['evt.crm.purchase.recorded.v1', 'crm', ['aftersales', 'training']],
  ['evt.crm.purchase.delivered.v1', 'crm', ['aftersales']],
  ['evt.crm.customer.tier-changed.v1', 'crm', ['complaints']],
  ['evt.crm.customer.erased.v1', 'crm', ['complaints', 'aftersales', 'surveys', 'training']],
  ['evt.crm.segment.membership-changed.v1', 'crm', ['surveys']],
  ['evt.complaints.complaint.created.v1', 'complaints', ['crm', 'training']],
  ['evt.complaints.complaint.resolved.v1', 'complaints', ['surveys']],
  ['evt.complaints.complaint.sla-breached.v1', 'complaints', ['training']],
  ['evt.aftersales.return.completed.v1', 'aftersales', ['crm']],
  ['evt.aftersales.repair.completed.v1', 'aftersales', ['surveys']],
  ['evt.surveys.response.submitted.v1', 'surveys', ['complaints', 'training', 'aftersales']],
  ['evt.surveys.audit.completed.v1', 'surveys', ['training']],
  ['evt.surveys.alert.raised.v1', 'surveys', []],
  ['evt.training.enrollment.created.v1', 'training', []],
];

describe('the registry', () => {
  it('holds every message of the brief plus the escalation and deadline reminders, the delivery sign-off, the customer merge, the loyalty notices (points expiring, tier at risk) and segment membership changes, the escalation v2 with major complaints, major after-sales disputes, the KPI early-warning alert, the incident dismissal, the repair appointment and the generated CX report (31 events), 4 requests, the staff contact and staff check, the five figure requests of the company scorecard and the complaints digest of the CX report', () => {
    expect(events).toHaveLength(31);
    expect(requests).toHaveLength(12);
  });

  it.each(subjects)('%s follows the naming rule, its kind and its service', (subject) => {
    const entry = contracts.get(subject)!;
    const parsed = parseSubject(subject);
    expect(parsed).not.toBeNull();
    expect(parsed!.kind).toBe(entry.kind);
    expect(isServiceName(parsed!.service)).toBe(true);
    expect(entry.description.length).toBeGreaterThan(10);
    expect(entry.consumers ?? []).not.toContain(parsed!.service);
  });

  it('groups Subjects by the producing service, and Subjects lists exactly the registered subjects', () => {
    const listed: string[] = [];
    for (const [service, group] of Object.entries(Subjects)) {
      expect(SERVICES).toContain(service);
      for (const subject of Object.values(group)) {
        expect(parseSubject(subject)?.service).toBe(service);
        listed.push(subject);
      }
    }
    expect([...listed].sort()).toEqual([...subjects].sort());
    expect(Subjects.crm.purchaseRecorded).toBe('evt.crm.purchase.recorded.v1');
    expect(Subjects.crm.getCustomerTier).toBe('rpc.crm.get-customer-tier.v1');
  });

  it.each(CLOSED_LOOP)('registers closed-loop event %s from %s for %j', (subject, producer, consumers) => {
    const entry = contracts.get(subject);
    expect(entry?.kind).toBe('event');
    expect(parseSubject(subject)?.service).toBe(producer);
    expect(entry?.consumers ?? []).toEqual(expect.arrayContaining(consumers));
  });
});

describe('samples', () => {
  it.each(subjects)('the sample payload of %s validates', (subject) => {
    const result = contracts.validatePayload(subject, sampleFor(subject));
    expect(result).toEqual({ ok: true, value: expect.any(contracts.get(subject)!.payload) });
  });

  it.each(requests)('the sample reply of %s validates', (subject) => {
    expect(contracts.validateReply(subject, sampleReplyFor(subject)).ok).toBe(true);
  });

  it.each(events)('a sample envelope of %s validates as a whole event', (subject) => {
    const envelope = sampleEnvelopeFor(subject);
    expect(envelope.source).toBe(parseSubject(subject)?.service);
    expect(contracts.validateEvent(envelope)).toMatchObject({ ok: true });
  });

  it('are fresh copies with overrides, and envelopes get a new id each time', () => {
    const subject = Subjects.crm.purchaseRecorded;
    const a = sampleFor(subject, { storeId: 'BJ-007' });
    a.lines[0].sku = 'changed';
    expect(a.storeId).toBe('BJ-007');
    expect(sampleFor(subject).lines[0].sku).not.toBe('changed');
    expect(sampleEnvelopeFor(subject).id).not.toBe(sampleEnvelopeFor(subject).id);
    expect(sampleEnvelopeFor(subject, { data: { storeId: 'BJ-007' } }).data.storeId).toBe('BJ-007');
  });

  it('throw for an unregistered subject', () => {
    expect(() => sampleFor('evt.crm.nothing.happened.v1')).toThrow(/no sample/);
    expect(() => sampleReplyFor(Subjects.crm.purchaseRecorded as never)).toThrow(/no sample/);
  });
});

describe('docs/contracts.md', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/contracts.md'), 'utf8');
  // Table rows: | `subject` | producer | consumers | purpose |
  const rows = new Map(
    [...doc.matchAll(/^\|\s*`((?:evt|rpc)\.[^`]+)`\s*\|\s*([^|]+?)\s*\|\s*([^|]*?)\s*\|/gm)].map((m) => [
      m[1],
      { producer: m[2], consumers: m[3] },
    ]),
  );

  it('lists every registered subject once, and nothing else', () => {
    expect([...rows.keys()].sort()).toEqual([...subjects].sort());
  });

  it.each(subjects)('gives the producer and the consumers of %s as registered', (subject) => {
    const row = rows.get(subject)!;
    expect(row.producer).toBe(parseSubject(subject)?.service);
    const documented = row.consumers
      .split(',')
      .map((s) => s.trim())
      .filter((s) => isServiceName(s));
    expect(documented.sort()).toEqual([...(contracts.get(subject)!.consumers ?? [])].sort());
  });
});
