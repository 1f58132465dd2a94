// After-sales' figure of the company CX scorecard (returns and repairs resolved), over HTTP and NATS.
import { ScorecardReplyV1, Subjects } from '@cx/contracts';
import { ManualClock, NatsClient, RpcClient } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { aftersalesService } from '../src/service';
import { recordPurchase, setUpRepairPrices, testPurchase } from './support';

const PERIOD = 'from=2026-11-01&to=2026-11-10';

describe('aftersales scorecard (admin API and rpc.aftersales.get-scorecard.v1)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock('2026-11-05T02:00:00Z') });
    const p = testPurchase({ deliveredAt: '2026-11-01T07:30:00Z' });
    await recordPurchase(h, p);
    const ret = async (reason: string): Promise<string> => {
      const res = await h.request('POST', '/api/v1/returns', {
        as: 'agent',
        body: { kind: 'return', orderId: p.orderId, lineId: '1', reason, quality: false },
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>().id;
    };
    // At SH-001: one return rejected (resolved), one still open, one repair requested and not done.
    const rejected = await ret('changed-mind');
    await ret('wrong-size');
    expect(
      (
        await h.request('POST', `/api/v1/returns/${rejected}/reject`, {
          as: 'agent',
          body: { reason: 'worn' },
        })
      ).statusCode,
    ).toBe(200);
    await setUpRepairPrices(h);
    const repair = await h.request('POST', '/api/v1/repairs', {
      as: 'agent',
      body: {
        channel: 'hotline',
        storeId: 'SH-001',
        sku: 'PH-X200-128-BLU',
        serialNumber: p.lines[1].serialNumber,
        problem: 'no charge',
      },
    });
    expect(repair.statusCode).toBe(201);
  });

  afterAll(() => h?.stop());

  it('answers returns and repairs resolved over requested, against 95 %, beside the previous period', async () => {
    const res = await h.request('GET', `/api/v1/admin/scorecard?${PERIOD}&storeId=SH-001`, { as: 'lead' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-10T00:00:00.000Z',
      previousFrom: '2026-10-23T00:00:00.000Z',
      storeId: 'SH-001',
      figures: [
        {
          figure: 'aftersales-resolution-rate',
          value: 1 / 3,
          numerator: 1,
          denominator: 3,
          target: { operator: '>=', value: 0.95 },
          previous: null,
          trend: null,
          missed: true,
        },
      ],
    });
    const other = await h.request('GET', `/api/v1/admin/scorecard?${PERIOD}&storeId=BJ-002`, { as: 'admin' });
    expect(other.json()).toMatchObject({ figures: [{ value: null, denominator: 0, missed: null }] });
  });

  it('gives training the same figure over NATS', async () => {
    const reply = await new RpcClient(h.get(NatsClient)).request<ScorecardReplyV1>(
      Subjects.aftersales.getScorecard,
      { from: '2026-11-01T00:00:00Z', to: '2026-11-10T00:00:00Z', previousFrom: '2026-10-23T00:00:00Z' },
    );
    expect(reply.figures).toEqual([
      expect.objectContaining({ figure: 'aftersales-resolution-rate', numerator: 1, denominator: 3 }),
    ]);
  });

  it('refuses a bad period naming the field, and other leads', async () => {
    const bad = await h.request('GET', '/api/v1/admin/scorecard?from=March', { as: 'lead' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0].field).toBe('from');
    expect((await h.request('GET', '/api/v1/admin/scorecard', { as: 'lead', dept: 'crm' })).statusCode).toBe(
      403,
    );
  });
});
