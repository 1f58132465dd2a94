// Crm's figure of the company CX scorecard (the member repurchase rate), over HTTP and over NATS,
// counted by hand from the purchases below: the company's and one store's.
import { ScorecardReplyV1, Subjects } from '@cx/contracts';
import { ManualClock, NatsClient, RpcClient } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { crmService } from '../src/service';

const MARCH = 'from=2026-03-01&to=2026-04-01';

describe('crm scorecard (admin API and rpc.crm.get-scorecard.v1)', () => {
  let h: ServiceHarness;

  /** A purchase as crm records it and as loyalty counts it (not refunded). */
  async function bought(customerId: string, storeId: string, at: string): Promise<void> {
    const id = randomUUID();
    const order = `SO-${id.slice(0, 8)}`;
    await h.sql(
      `INSERT INTO purchase (id, source, order_id, channel, store_id, customer_id, paid_amount_minor, currency,
         purchased_at, content_hash, recorded_at, recorded_by)
       VALUES ($1, 'pos', $2, 'store', $3, $4, 5000, 'CNY', $5, 'x', $5, 'test')`,
      [id, order, storeId, customerId, at],
    );
    await h.sql(
      `INSERT INTO loyalty_purchase (purchase_id, customer_id, order_id, paid_amount_minor, refunded_minor,
         purchased_at, delivered_at, special_window, recorded_at)
       VALUES ($1, $2, $3, 5000, 0, $4, NULL, false, $4)`,
      [id, customerId, order, at],
    );
  }

  beforeAll(async () => {
    h = await startService(crmService, { clock: new ManualClock('2026-04-02T00:00:00Z') });
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    // March 2025 (a year earlier): 1 of 2 buyers came back, all at S1.
    await bought(a, 'S1', '2025-03-02T10:00:00Z');
    await bought(a, 'S1', '2025-03-20T10:00:00Z');
    await bought(b, 'S1', '2025-03-05T10:00:00Z');
    // February 2026 (the previous period): 0 of 1.
    await bought(c, 'S1', '2026-02-10T10:00:00Z');
    // March 2026: a twice at S1, b at S1 and at S2, c once at S2, d twice at S2.
    await bought(a, 'S1', '2026-03-02T10:00:00Z');
    await bought(a, 'S1', '2026-03-03T10:00:00Z');
    await bought(b, 'S1', '2026-03-04T10:00:00Z');
    await bought(b, 'S2', '2026-03-05T10:00:00Z');
    await bought(c, 'S2', '2026-03-06T10:00:00Z');
    await bought(d, 'S2', '2026-03-07T10:00:00Z');
    await bought(d, 'S2', '2026-03-08T10:00:00Z');
  });

  afterAll(() => h?.stop());

  const figure = async (query: string) => {
    const res = await h.request('GET', `/api/v1/admin/scorecard?${query}`, { as: 'lead' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ figures: { figure: string }[] }>();
    expect(body.figures.map((f) => f.figure)).toEqual(['repurchase-rate']);
    return body.figures[0];
  };

  it('holds the company rate to +15 % on the same period a year earlier, beside the previous period', async () => {
    // Buyers a, b, c, d; repeaters a, b, d.
    expect(await figure(MARCH)).toEqual({
      figure: 'repurchase-rate',
      value: 0.75,
      numerator: 3,
      denominator: 4,
      target: { operator: '>=', value: 0.5 * 1.15, basis: expect.stringContaining('1 of 2') },
      previous: 0,
      trend: 'better',
      missed: false,
    });
  });

  it("counts one store's purchases only", async () => {
    // At S1: a twice, b once.
    expect(await figure(`${MARCH}&storeId=S1`)).toMatchObject({
      numerator: 1,
      denominator: 2,
      target: { value: 0.5 * 1.15 },
      missed: true,
    });
    // Nothing at S2 a year earlier: no level to hold it to.
    expect(await figure(`${MARCH}&storeId=S2`)).toMatchObject({
      numerator: 1,
      denominator: 3,
      target: null,
      previous: null,
      missed: null,
    });
  });

  it('gives training the same figure over NATS', async () => {
    const reply = await new RpcClient(h.get(NatsClient)).request<ScorecardReplyV1>(
      Subjects.crm.getScorecard,
      {
        from: '2026-03-01T00:00:00Z',
        to: '2026-04-01T00:00:00Z',
        previousFrom: '2026-02-01T00:00:00Z',
        storeId: 'S1',
      },
    );
    expect(reply.figures).toEqual([
      expect.objectContaining({ figure: 'repurchase-rate', numerator: 1, denominator: 2 }),
    ]);
  });

  it('refuses a bad store naming the field, and other leads', async () => {
    const bad = await h.request('GET', '/api/v1/admin/scorecard?storeId=%20x', { as: 'lead' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0].field).toBe('storeId');
    expect(
      (await h.request('GET', '/api/v1/admin/scorecard', { as: 'lead', dept: 'surveys' })).statusCode,
    ).toBe(403);
  });
});
