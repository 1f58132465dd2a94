// Complaints' figures of the company CX scorecard, over HTTP (the lead's admin API) and over NATS
// (what training gathers), counted by hand from the complaints and orders seeded below.
import { ScorecardReplyV1, Subjects } from '@cx/contracts';
import { ManualClock, NatsClient, RpcClient } from '@cx/platform';
import { randomUUID } from 'node:crypto';
import { ComplaintsHarness } from './support';

const H = 3_600_000;

interface Seed {
  at: string;
  store: string;
  status: 'received' | 'resolved';
  respondedAfter?: number;
  resolvedAfter?: number;
  isRepeat?: boolean;
}

describe('complaints scorecard (admin API and rpc.complaints.get-scorecard.v1)', () => {
  let h: ComplaintsHarness;

  async function seed(s: Seed): Promise<void> {
    const at = new Date(s.at).getTime();
    const after = (hours?: number) => (hours === undefined ? null : new Date(at + hours * H));
    await h.sql(
      `INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major, customer_id,
         complainant_name, store_id, description, status, owner_id, received_at, recorded_at, recorded_by,
         first_response_due_at, resolution_due_at, resolution_clock_started_at, first_response_hours, resolution_hours,
         first_responded_at, resolved_at, is_repeat, reopen_count, updated_at)
       VALUES ($1, $2, 'hotline', 'product-quality', 'medium', 'medium', 'P3', false, $3, 'Li Mei', $4, 'zip broke',
         $5, 'owner-a', $6, $6, 'agent-0', $7, $8, $6, 24, 72, $9, $10, $11, 0, $6)`,
      [
        randomUUID(),
        `C-${randomUUID().slice(0, 8)}`,
        randomUUID(),
        s.store,
        s.status,
        new Date(at),
        after(24),
        after(72),
        after(s.respondedAfter),
        after(s.resolvedAfter),
        s.isRepeat ?? false,
      ],
    );
  }

  async function orders(store: string, n: number, from: string): Promise<void> {
    await h.sql(
      `INSERT INTO recorded_order (order_id, store_id, customer_id, purchased_at)
       SELECT $1 || '-' || $3 || '-' || i, $1, gen_random_uuid(), $3::timestamptz + (i || ' minutes')::interval
         FROM generate_series(1, $2) i`,
      [store, n, from],
    );
  }

  beforeAll(async () => {
    h = await ComplaintsHarness.start({ clock: new ManualClock('2026-04-02T00:00:00Z') });
    // March at S1: one answered in 2 h and solved in 20 h, one neither (both deadlines past), a repeat.
    await seed({
      at: '2026-03-05T10:00:00Z',
      store: 'S1',
      status: 'resolved',
      respondedAfter: 2,
      resolvedAfter: 20,
    });
    await seed({ at: '2026-03-20T10:00:00Z', store: 'S1', status: 'received', isRepeat: true });
    // S2 in March and S1 in February (the previous period of March).
    await seed({
      at: '2026-03-06T10:00:00Z',
      store: 'S2',
      status: 'resolved',
      respondedAfter: 1,
      resolvedAfter: 5,
    });
    await seed({
      at: '2026-02-10T10:00:00Z',
      store: 'S1',
      status: 'resolved',
      respondedAfter: 1,
      resolvedAfter: 5,
    });
    await orders('S1', 100, '2026-03-01T00:00:00Z');
    await orders('S2', 300, '2026-03-01T00:00:00Z');
    await orders('S1', 200, '2026-02-01T00:00:00Z');
  });

  afterAll(() => h.stop());

  const figuresOf = (body: { figures: { figure: string }[] }) =>
    Object.fromEntries(body.figures.map(({ figure, ...f }) => [figure, f]));

  it("answers the store's five figures of the period with targets, the previous period, trend and misses", async () => {
    const res = await h.request('GET', '/api/v1/admin/scorecard?from=2026-03-01&to=2026-04-01&storeId=S1', {
      as: 'lead',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ from: string; previousFrom: string; storeId: string; figures: any[] }>();
    expect(body).toMatchObject({
      from: '2026-03-01T00:00:00.000Z',
      previousFrom: '2026-02-01T00:00:00.000Z',
      storeId: 'S1',
    });
    expect(body.figures.map((f: { figure: string }) => f.figure)).toEqual([
      'complaint-rate',
      'first-response-in-time',
      'solution-in-time',
      'resolution-rate',
      'repeat-complaints',
    ]);
    const f = figuresOf(body);
    expect(f['complaint-rate']).toMatchObject({
      value: 2 / 100,
      numerator: 2,
      denominator: 100,
      target: { operator: '<=', value: 0.01 },
      previous: 1 / 200,
      trend: 'worse',
      missed: true,
    });
    expect(f['first-response-in-time']).toMatchObject({
      value: 0.5,
      previous: 1,
      trend: 'worse',
      missed: true,
    });
    expect(f['solution-in-time']).toMatchObject({ value: 0.5, missed: true });
    expect(f['resolution-rate']).toMatchObject({
      value: 0.5,
      target: { operator: '>=', value: 0.95 },
      previous: 1,
      missed: true,
    });
    // Nothing a year earlier: no -50 % level to hold the repeat rate to.
    expect(f['repeat-complaints']).toMatchObject({ value: 0.5, target: null, previous: 0, missed: null });
  });

  it('counts the whole company without a store', async () => {
    const res = await h.request('GET', '/api/v1/admin/scorecard?from=2026-03-01&to=2026-04-01', {
      as: 'admin',
    });
    const f = figuresOf(res.json());
    expect(f['complaint-rate']).toMatchObject({ numerator: 3, denominator: 400, missed: false });
    expect(f['resolution-rate']).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('gives training the same figures over NATS', async () => {
    const rpc = new RpcClient(h.get(NatsClient));
    const reply = await rpc.request<ScorecardReplyV1>(Subjects.complaints.getScorecard, {
      from: '2026-03-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
      previousFrom: '2026-02-01T00:00:00Z',
      storeId: 'S1',
    });
    const http = await h.request('GET', '/api/v1/admin/scorecard?from=2026-03-01&to=2026-04-01&storeId=S1', {
      as: 'lead',
    });
    expect(reply.figures).toEqual(
      http.json<{ figures: { trend: unknown }[] }>().figures.map(({ trend: _trend, ...f }) => f),
    );
  });

  it('refuses a bad period naming the field, and callers other than the lead and admins', async () => {
    const bad = await h.request('GET', '/api/v1/admin/scorecard?from=2025-01-01&to=2026-03-01', {
      as: 'lead',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors).toEqual([
      { field: 'from', messages: ['the period must not be longer than 12 months'] },
    ]);
    expect((await h.request('GET', '/api/v1/admin/scorecard', { as: 'lead', dept: 'crm' })).statusCode).toBe(
      403,
    );
    expect((await h.request('GET', '/api/v1/admin/scorecard', { as: 'agent' })).statusCode).toBe(403);
  });
});
