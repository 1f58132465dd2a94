import { contracts, sampleFor, Subjects } from '@cx/contracts';
import { eventData, eventEnvelope } from './events';

describe('event builders', () => {
  it('merge nested overrides into the sample and keep the rest', () => {
    const data = eventData(Subjects.surveys.responseSubmitted, {
      subject: { id: '0192f0a5-0000-7000-8000-00000000c002' },
      csat: 1,
    });
    expect(data.subject).toEqual({ type: 'complaint', id: '0192f0a5-0000-7000-8000-00000000c002' });
    expect(data.csat).toBe(1);
    expect(data.comment).toBe(sampleFor(Subjects.surveys.responseSubmitted).comment);
    expect(contracts.validatePayload(Subjects.surveys.responseSubmitted, data).ok).toBe(true);
  });

  it('replace arrays whole, drop a field set to undefined, and never change the samples', () => {
    const lines = [{ ...sampleFor(Subjects.crm.purchaseRecorded).lines[0], quantity: 3 }];
    const data = eventData(Subjects.crm.purchaseRecorded, { lines, deliveredAt: undefined });
    expect(data.lines).toEqual(lines);
    expect(JSON.parse(JSON.stringify(data))).not.toHaveProperty('deliveredAt');
    expect(sampleFor(Subjects.crm.purchaseRecorded).lines).toHaveLength(2);
  });

  it('wrap the payload in a valid envelope whose aggregate follows the data', () => {
    const a = eventEnvelope(Subjects.crm.purchaseRecorded, { orderId: 'SO-1' });
    const b = eventEnvelope(Subjects.crm.purchaseRecorded, {}, { occurredAt: '2026-03-01T10:15:00Z' });
    expect(a.aggregateId).toBe('SO-1');
    expect(a.id).not.toBe(b.id);
    expect(b.occurredAt).toBe('2026-03-01T10:15:00Z');
    expect(contracts.validateEvent(a).ok).toBe(true);
  });
});
