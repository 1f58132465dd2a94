// Complaints' part of surveys' CX report over NATS (rpc.complaints.get-report-digest.v1): the period's
// worst categories and stores against the previous period the report names, the KPI alerts still open
// and the corrective actions not yet verified, of the company or of one store.
import { ReportDigestReplyV1, Subjects } from '@cx/contracts';
import { DAY_MS, ManualClock, NatsClient, RpcClient } from '@cx/platform';
import { ServiceHarness, startService, validComplaint } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { complaintsService } from '../src/service';

const NOVEMBER = {
  from: '2026-11-01T00:00:00Z',
  to: '2026-12-01T00:00:00Z',
  previousFrom: '2026-10-01T00:00:00Z',
};

describe('rpc.complaints.get-report-digest.v1', () => {
  let h: ServiceHarness;
  let rpc: RpcClient;

  const file = async (storeId: string, category: string) => {
    const res = await h.request('POST', '/api/v1/complaints', {
      as: 'agent',
      body: validComplaint({ storeId, category, orderId: `SO-${randomUUID().slice(0, 8)}` }),
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };

  const ask = (over: Record<string, unknown> = {}) =>
    rpc.request<ReportDigestReplyV1>(Subjects.complaints.getReportDigest, { ...NOVEMBER, top: 5, ...over });

  beforeAll(async () => {
    h = await startService(complaintsService, { clock: new ManualClock('2026-10-15T02:00:00Z') });
    rpc = new RpcClient(h.get(NatsClient));
    await file('SH-001', 'product-quality'); // October
    h.clock.set('2026-11-10T02:00:00Z');
    await file('SH-001', 'product-quality');
    await file('SH-001', 'product-quality');
    await file('SH-002', 'service-attitude');
    // A corrective action on the SH-002 complaint's root cause, and one at SH-001 already verified.
    for (const [storeId, title, verified] of [
      ['SH-002', 'Greet within 30 seconds', false],
      ['SH-001', 'Check zips of batch 43', true],
    ] as const) {
      const id = await file(storeId, 'product-quality');
      const resolved = await h.request('POST', `/api/v1/complaints/${id}/status`, {
        as: 'lead',
        body: {
          status: 'resolved',
          summary: 'x',
          causeCode: 'product-quality',
          responsibleDepartment: 'quality',
        },
      });
      expect(resolved.statusCode).toBe(200);
      const action = await h.request('POST', `/api/v1/complaints/${id}/corrective-actions`, {
        as: 'lead',
        body: {
          title,
          ownerId: 'E-QA-1',
          dueAt: new Date(h.clock.now().getTime() + 7 * DAY_MS).toISOString(),
          verification: 'No such complaints for 30 days',
        },
      });
      expect(action.statusCode).toBe(201);
      if (verified)
        await h.sql(`UPDATE corrective_action SET status = 'verified' WHERE id = $1`, [action.json().id]);
    }
    await h.sql(
      `INSERT INTO kpi_alert (id, metric, scope, key, value, operator, target, cases, window_from, raised_at)
       VALUES ($1, 'resolution-rate', 'store', 'SH-002', 0.5, '>=', 0.9, 4, '2026-11-01T00:00:00Z', '2026-11-20T00:00:00Z'),
              ($2, 'resolution-rate', 'store', 'SH-001', 0.6, '>=', 0.9, 5, '2026-11-01T00:00:00Z', '2026-11-21T00:00:00Z')`,
      [randomUUID(), randomUUID()],
    );
    await h.sql(
      `UPDATE kpi_alert SET recovered_at = '2026-11-25T00:00:00Z', recovered_value = 0.95 WHERE key = 'SH-001'`,
    );
  }, 120_000);

  afterAll(() => h?.stop());

  it('answers the company’s worst categories and stores, open alerts and unverified actions', async () => {
    const reply = await ask();
    expect(reply.categories).toEqual([
      { key: 'product-quality', count: 4, previousCount: 1 },
      { key: 'service-attitude', count: 1, previousCount: 0 },
    ]);
    expect(reply.stores).toEqual([
      { key: 'SH-001', count: 3, previousCount: 1 },
      { key: 'SH-002', count: 2, previousCount: 0 },
    ]);
    expect(reply.openAlerts).toEqual([
      expect.objectContaining({
        metric: 'resolution-rate',
        scope: 'store',
        key: 'SH-002',
        value: 0.5,
        target: 0.9,
      }),
    ]);
    expect(reply.correctiveActions).toEqual([
      expect.objectContaining({
        title: 'Greet within 30 seconds',
        department: 'quality',
        ownerId: 'E-QA-1',
        status: 'open',
      }),
    ]);
  });

  it('answers one store’s, and at most `top` hot spots', async () => {
    const one = await ask({ storeId: 'SH-001', top: 1 });
    expect(one.categories).toEqual([{ key: 'product-quality', count: 3, previousCount: 1 }]);
    expect(one.stores).toEqual([{ key: 'SH-001', count: 3, previousCount: 1 }]);
    expect(one.openAlerts).toEqual([]);
    expect(one.correctiveActions).toEqual([]);
    const two = await ask({ storeId: 'SH-002' });
    expect(two.openAlerts.map((a) => a.key)).toEqual(['SH-002']);
    expect(two.correctiveActions.map((a) => a.title)).toEqual(['Greet within 30 seconds']);
  });
});
