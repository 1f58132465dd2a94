// Retention against the real Postgres and NATS: profiles inactive longer than the lead's setting are
// erased by the periodic job (with their event and audit entry), by the injected clock, once, also
// with two replicas running it at the same time.
import { Subjects, uuidv7 } from '@cx/contracts';
import { DAY_MS, ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { CustomerRetention } from '../src/customer/customer.retention';
import { crmService } from '../src/service';
import { registerCustomer } from './support';

const T0 = new Date('2026-01-05T02:00:00.000Z');
const URL = '/api/v1/customers';
const POLICY = '/api/v1/admin/policies/customer-retention';

describe('customer retention (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let retention: CustomerRetention;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    // Small batches, so the two-replica test really interleaves claims.
    h = await startService(crmService, { clock, env: { CUSTOMER_RETENTION_BATCH: '3' } });
    retention = h.get(CustomerRetention);
  });

  afterAll(async () => {
    await h?.stop();
  });

  // Each test starts with nothing left for the job from the ones before.
  beforeEach(async () => {
    clock.set(T0);
    await h.sql(`UPDATE customer SET last_activity_at = '2100-01-01' WHERE status = 'active'`);
  });

  const register = () => registerCustomer(h, { registrationChannel: 'purchase' }, 'system');

  const status = async (id: string) =>
    (await h.sql<{ status: string }>('SELECT status FROM customer WHERE id = $1', [id]))[0].status;

  it('lets the crm lead read and set the setting, and refuses others', async () => {
    expect((await h.request('GET', POLICY, { as: 'lead' })).json()).toMatchObject({ inactiveDays: 1095 });
    const put = await h.request('PUT', POLICY, { as: 'lead', body: { inactiveDays: 730 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ inactiveDays: 730, updatedAt: T0.toISOString(), updatedBy: 'u-lead' });
    expect(
      (await h.request('PUT', POLICY, { as: 'lead', body: { inactiveDays: 7 } })).json().errors[0].field,
    ).toBe('inactiveDays');
    expect((await h.request('PUT', POLICY, { as: 'agent', body: { inactiveDays: 730 } })).statusCode).toBe(
      403,
    );
    expect(
      (await h.request('PUT', POLICY, { as: 'lead', dept: 'complaints', body: { inactiveDays: 730 } }))
        .statusCode,
    ).toBe(403);
  });

  it('erases a profile inactive longer than the setting, to the millisecond, not one changed or buying since', async () => {
    await h.request('PUT', POLICY, { as: 'lead', body: { inactiveDays: 730 } });
    const idle = await register();
    const changed = await register();
    const buying = await register();
    clock.advance(400 * DAY_MS);
    await h.request('PATCH', `${URL}/${changed}`, { as: 'agent', body: { preferredSizes: ['L'] } });
    await h.sql(
      `INSERT INTO purchase (id, source, order_id, channel, store_id, customer_id, paid_amount_minor, currency,
         purchased_at, content_hash, recorded_at, recorded_by)
       VALUES ($1, 'pos', $2, 'store', 'SH-001', $3, 1000, 'CNY', $4, 'x', $4, 'u-system')`,
      [uuidv7(), `SO-${buying}`, buying, clock.now()],
    );

    clock.set(new Date(T0.getTime() + 730 * DAY_MS));
    expect(await retention.runOnce()).toBe(0); // exactly the setting: not yet
    clock.advance(1);
    expect(await retention.runOnce()).toBe(1);
    expect([await status(idle), await status(changed), await status(buying)]).toEqual([
      'erased',
      'active',
      'active',
    ]);
    const [row] = await h.sql<Record<string, unknown>>(
      'SELECT name, phone, phone_hash FROM customer WHERE id = $1',
      [idle],
    );
    expect(row).toEqual({ name: null, phone: null, phone_hash: null });
    const events = (await h.outbox(Subjects.crm.customerErased)).filter((e) => e.data.customerId === idle);
    expect(events.map((e) => e.data)).toEqual([
      { customerId: idle, erasedAt: clock.now().toISOString(), requestedBy: 'retention-policy' },
    ]);
    const [audit] = await h.sql<{ actor_id: string; purpose: string }>(
      `SELECT actor_id, purpose FROM audit_log WHERE subject_id = $1 AND action = 'erase'`,
      [idle],
    );
    expect(audit).toEqual({
      actor_id: 'crm-retention',
      purpose: 'retention: inactive for more than 730 days',
    });
    expect(await retention.runOnce()).toBe(0); // nothing twice
  });

  it('shares the work between two replicas: every profile erased, and announced, once', async () => {
    await h.request('PUT', POLICY, { as: 'lead', body: { inactiveDays: 365 } });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await register());
    clock.set(new Date(T0.getTime() + 366 * DAY_MS));
    const b = await h.replica();
    try {
      const other = b.app.get(CustomerRetention);
      const counts = await Promise.all([
        retention.runOnce(),
        other.runOnce(),
        retention.runOnce(),
        other.runOnce(),
      ]);
      expect(counts.reduce((n, c) => n + c, 0)).toBe(20);
      expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1); // they shared the rows
    } finally {
      await b.stop();
    }
    const perCustomer = await h.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE subject = $1 AND aggregate_id = ANY($2) GROUP BY aggregate_id`,
      [Subjects.crm.customerErased, ids],
    );
    expect(perCustomer).toHaveLength(20);
    expect(perCustomer.every((r) => r.n === 1)).toBe(true);
  });
});
