import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { aftersalesService } from '../src/service';
import { recordPurchase, setUpRepairPrices, testPurchase } from './support';

const NOW = '2026-11-05T02:00:00.000Z';
const PERIOD = 'from=2026-11-01&to=2026-11-10&timeZone=Asia/Shanghai';

describe("the after-sales lead's analytics (real Postgres and NATS)", () => {
  let h: ServiceHarness;
  let repairId: string;
  let orderId: string;

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock(NOW) });
    const p = testPurchase({ deliveredAt: '2026-11-01T07:30:00Z' });
    await recordPurchase(h, p);
    orderId = p.orderId;
    const ret = (reason: string) =>
      h.request('POST', '/api/v1/returns', {
        as: 'agent',
        body: { kind: 'return', orderId: p.orderId, lineId: '1', reason, quality: false },
      });
    const a = (await ret('changed-mind')).json();
    await h.request('POST', `/api/v1/returns/${a.id}/reject`, { as: 'agent', body: { reason: 'worn' } });
    const b = (await ret('wrong-size')).json();
    h.clock.set(new Date('2026-11-06T03:00:00Z')); // 25 h later: a late first response
    await h.request('POST', `/api/v1/returns/${b.id}/approve`, { as: 'agent', body: {} });

    await setUpRepairPrices(h);
    const r = (
      await h.request('POST', '/api/v1/repairs', {
        as: 'agent',
        body: {
          channel: 'hotline',
          storeId: 'SH-001',
          sku: 'PH-X200-128-BLU',
          serialNumber: p.lines[1].serialNumber,
          problem: 'no charge',
        },
      })
    ).json();
    repairId = r.id;
    const step = (s: string, body: unknown, as: 'agent' | 'technician' = 'technician') =>
      h.request('POST', `/api/v1/repairs/${r.id}/${s}`, { as, body });
    await step('appointment', { technicianId: 'T-017', startsAt: '2026-11-06T05:00:00Z' }, 'agent');
    await step('inspection', {
      findings: 'cell',
      qualityFault: true,
      serviceCode: 'battery-replacement',
      parts: [{ code: 'battery-x200', quantity: 1 }],
    });
    await step('repair', {});
    await step('confirmation', { satisfied: true });
    h.clock.set(new Date('2026-11-06T13:00:00Z')); // 10 h after the request
    await step('complete', { serviceRecord: 'battery replaced' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('computes response, resolution, satisfaction, returns by reason and store, turnaround, warranty cost and load', async () => {
    const res = await h.request('GET', `/api/v1/admin/analytics/kpis?${PERIOD}`, { as: 'lead' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      returns: {
        requested: 2,
        resolved: 1,
        resolutionRatePct: 50,
        firstResponseWithin24hPct: 50,
        byReason: [
          { key: 'changed-mind', count: 1 },
          { key: 'wrong-size', count: 1 },
        ],
        byCategory: [{ key: 'outerwear', count: 2 }],
        byStore: [{ key: 'SH-001', count: 2 }],
      },
      repairs: {
        requested: 1,
        completed: 1,
        resolutionRatePct: 100,
        averageTurnaroundHours: 10,
        satisfiedPct: 100,
        warrantyCostMinor: 18_000,
        technicianLoad: [{ key: 'T-017', count: 1 }],
      },
      targets: {
        resolutionRatePct: 95,
        returnsResolutionMet: false,
        repairsResolutionMet: true,
        satisfactionMet: null, // judged on surveys' answers: none yet
      },
      surveySatisfaction: { answered: 0, satisfied: 0, satisfiedPct: null },
    });
    const other = await h.request('GET', `/api/v1/admin/analytics/kpis?${PERIOD}&storeId=BJ-002`, {
      as: 'lead',
    });
    expect(other.json()).toMatchObject({
      returns: { requested: 0, resolutionRatePct: null },
      targets: { returnsResolutionMet: null },
    });
  });

  it("counts surveys' answers about repairs and returns per period and store against the 90 % target", async () => {
    const sent: string[] = [];
    const answer = async (over: Record<string, unknown>) => {
      sent.push(
        await h.publish(Subjects.surveys.responseSubmitted, {
          responseId: randomUUID(),
          trigger: 'repair-completed',
          subject: { type: 'repair', id: repairId },
          storeId: 'SH-001',
          submittedAt: '2026-11-07T02:00:00Z',
          ...over,
        }),
      );
    };
    for (let i = 0; i < 8; i++) await answer({ satisfied: true });
    await answer({ satisfied: false });
    // Without a store: the repair's store (SH-001) is taken.
    await answer({ satisfied: true, storeId: undefined });
    // Delivered twice: counted once.
    const again = randomUUID();
    await answer({ responseId: again, satisfied: false });
    await answer({ responseId: again, satisfied: false });
    // Not counted: an answer about a complaint, and one after the period.
    await answer({ satisfied: false, subject: { type: 'complaint', id: randomUUID() } });
    await answer({ satisfied: false, submittedAt: '2026-12-01T02:00:00Z' });
    // About the order's completed return (ADR 0022): counted as returns, in the purchase's store when
    // the answer names none; about its delivery (also the order): not after-sales'.
    const aboutOrder = { type: 'order', id: orderId } as const;
    await answer({ trigger: 'return-completed', subject: aboutOrder, storeId: undefined, satisfied: true });
    await answer({ trigger: 'return-completed', subject: aboutOrder, satisfied: false });
    await answer({ trigger: 'delivery', subject: aboutOrder, satisfied: false });
    await answer({ satisfied: true, storeId: 'BJ-002' });
    // Every message handled (each answer has its own lane), the copy of `again` too.
    await h.handled(sent, 10_000);
    // 13 about the repair (the complaint's not kept), 2 about the return
    expect(await h.sql(`SELECT 1 FROM survey_answer`)).toHaveLength(15);
    const kpis = async (query: string) =>
      (await h.request('GET', `/api/v1/admin/analytics/kpis?${PERIOD}${query}`, { as: 'lead' })).json();
    // SH-001: repairs 9 satisfied of 11, returns 1 of 2: 10 of 13 = 76.9 %, below the target.
    expect(await kpis('&storeId=SH-001')).toMatchObject({
      repairs: { satisfiedPct: 100 },
      surveySatisfaction: {
        answered: 13,
        satisfied: 10,
        satisfiedPct: 76.9,
        repairs: { answered: 11, satisfied: 9, satisfiedPct: 81.8 },
        returns: { answered: 2, satisfied: 1, satisfiedPct: 50 },
      },
      targets: { satisfactionPct: 90, satisfactionMet: false },
    });
    expect(await h.sql(`SELECT kind, subject_id FROM survey_answer WHERE kind = 'return'`)).toEqual([
      { kind: 'return', subject_id: orderId },
      { kind: 'return', subject_id: orderId },
    ]);
    expect(await kpis('&storeId=BJ-002')).toMatchObject({
      surveySatisfaction: { answered: 1, satisfied: 1, satisfiedPct: 100 },
      targets: { satisfactionMet: true },
    });
    expect((await kpis('')).surveySatisfaction).toEqual({
      answered: 14,
      satisfied: 11,
      satisfiedPct: 78.6,
      repairs: { answered: 12, satisfied: 10, satisfiedPct: 83.3 },
      returns: { answered: 2, satisfied: 1, satisfiedPct: 50 },
    });
  });

  it('exports the returns of the period as CSV', async () => {
    const res = await h.request('GET', `/api/v1/admin/analytics/returns.csv?${PERIOD}`, { as: 'lead' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,requested_at,store_id,order_id,line_id,kind,reason,quality,category,sku,quantity,eligible,status,owner_id,due_at,refund_amount_minor,currency,completed_at',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',return,changed-mind,false,outerwear,JK-DOWN-BLK-M,1,true,rejected,');
  });

  it('answers 400 naming the field for a backwards period, 403 for staff', async () => {
    const bad = await h.request('GET', '/api/v1/admin/analytics/kpis?from=2026-11-10&to=2026-11-01', {
      as: 'lead',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('to');
    expect((await h.request('GET', '/api/v1/admin/analytics/kpis', { as: 'agent' })).statusCode).toBe(403);
  });
});
