import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { aftersalesService } from '../src/service';
import { recordPurchase, setUpRepairPrices, testPurchase } from './support';

const NOW = '2026-11-05T02:00:00.000Z';
const PERIOD = 'from=2026-11-01&to=2026-11-10&timeZone=Asia/Shanghai';

describe("the after-sales lead's analytics (real Postgres and NATS)", () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock(NOW) });
    const p = testPurchase({ deliveredAt: '2026-11-01T07:30:00Z' });
    await recordPurchase(h, p);
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
        satisfactionMet: true,
      },
    });
    const other = await h.request('GET', `/api/v1/admin/analytics/kpis?${PERIOD}&storeId=BJ-002`, {
      as: 'lead',
    });
    expect(other.json()).toMatchObject({
      returns: { requested: 0, resolutionRatePct: null },
      targets: { returnsResolutionMet: null },
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
