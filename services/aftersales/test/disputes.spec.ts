import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { aftersalesService } from '../src/service';
import { expectIdempotentCreate, recordPurchase, testPurchase, TestPurchase } from './support';

const NOW = '2026-11-05T02:00:00.000Z';
const URL = '/api/v1/disputes';

describe('disputes (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let p: TestPurchase;
  let returnId: string;

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock(NOW) });
    p = testPurchase({ deliveredAt: '2026-11-01T07:30:00Z' });
    await recordPurchase(h, p);
    const ret = await h.request('POST', '/api/v1/returns', {
      as: 'agent',
      body: { kind: 'return', orderId: p.orderId, lineId: '1', reason: 'changed-mind', quality: false },
    });
    returnId = ret.json().id;
    await h.request('POST', `/api/v1/returns/${returnId}/reject`, { as: 'agent', body: { reason: 'worn' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('opens one dispute for a create retried with the same Idempotency-Key', async () => {
    const body = { subjectType: 'return', subjectId: returnId, reason: 'Asks again' };
    await expectIdempotentCreate(h, URL, 'dispute', body, { ...body, reason: 'Something else' });
  });

  it('opens a dispute on a decision, keeps its full history, reports a major one to management once', async () => {
    const opened = await h.request('POST', URL, {
      as: 'agent',
      body: { subjectType: 'return', subjectId: returnId, reason: 'The customer says it was never worn' },
    });
    expect(opened.statusCode).toBe(201);
    const d = opened.json();
    expect(d).toMatchObject({ status: 'open', major: false, customerId: p.customerId, storeId: 'SH-001' });
    const step = (action: string, body: unknown = {}, as: 'agent' | 'lead' = 'lead') =>
      h.request('POST', `${URL}/${d.id}/${action}`, { as, body });
    expect((await step('notes', { note: 'photos requested' }, 'agent')).statusCode).toBe(200);
    expect((await step('assign', { handlerId: 'E10001' })).json().handlerId).toBe('E10001');
    expect((await step('escalate')).json()).toMatchObject({ major: true, escalatedAt: NOW });
    expect((await step('escalate')).json().code).toBe('DISPUTE_ALREADY_ESCALATED');
    expect((await h.outbox(Subjects.aftersales.disputeEscalated)).map((e) => e.data)).toEqual([
      {
        disputeId: d.id,
        subjectType: 'return',
        subjectId: returnId,
        customerId: p.customerId,
        storeId: 'SH-001',
        reason: 'The customer says it was never worn',
        escalatedBy: 'u-lead',
        escalatedAt: NOW,
      },
    ]);
    expect((await step('resolve', { resolution: 'goodwill refund' })).json()).toMatchObject({
      status: 'resolved',
    });
    expect((await step('notes', { note: 'late' }, 'agent')).json().code).toBe('DISPUTE_CLOSED');
    const detail = (await h.request('GET', `${URL}/${d.id}`, { as: 'agent' })).json();
    expect(detail.history.map((e: { action: string }) => e.action)).toEqual([
      'opened',
      'note',
      'assigned',
      'escalated',
      'resolved',
    ]);
    const major = (await h.request('GET', `${URL}?major=true`, { as: 'lead' })).json().items;
    expect(major.map((x: { id: string }) => x.id)).toEqual([d.id]);
  });

  it('answers 422 for an unknown subject, 400 naming the field, 404, 401 and 403', async () => {
    const unknown = await h.request('POST', URL, {
      as: 'agent',
      body: { subjectType: 'repair', subjectId: randomUUID(), reason: 'x' },
    });
    expect(unknown.statusCode).toBe(422);
    const bad = await h.request('POST', URL, {
      as: 'agent',
      body: { subjectType: 'order', subjectId: returnId, reason: 'x' },
    });
    expect(bad.json().errors[0].field).toBe('subjectType');
    expect((await h.request('GET', `${URL}/${randomUUID()}`, { as: 'agent' })).statusCode).toBe(404);
    expect((await h.request('GET', URL)).statusCode).toBe(401);
    expect((await h.request('POST', `${URL}/${randomUUID()}/escalate`, { as: 'agent' })).statusCode).toBe(
      403,
    );
  });
});
