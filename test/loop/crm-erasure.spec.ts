// crm and complaints on one namespace, as in production: what crm records reaches complaints' copies
// through the real outbox, NATS and consumers. Purchases become complaints' order counts, a tier change
// its tier copy, and erasing a customer in crm scrubs the complainant from complaints (docs/personal-data.md).
import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startServices, StartedGroup, validComplaint, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { complaintsService } from '../../services/complaints/src/service';
import { crmService } from '../../services/crm/src/service';

const NOW = '2026-11-02T02:00:00.000Z';
const STORE = 'SH-001';
const person = { name: 'Wang Fang', phone: '+86 139 0021 7788', email: 'wang.fang@example.com' };

/** POST /api/v1/customers in crm (docs/crm/customers.md). */
const customerBody = () => ({
  ...person,
  birthday: '1988-06-15',
  gender: 'female',
  preferredSizes: ['M'],
  preferredColours: ['navy'],
  preferredCategories: ['outerwear'],
  registrationChannel: 'membership',
  registrationStoreId: STORE,
  consents: [{ purpose: 'surveys', channel: 'email', granted: true, source: 'store-form' }],
});

/** POST /api/v1/purchases in crm (docs/crm/purchases.md): 4,598.00 CNY, enough with two for silver. */
const purchaseBody = (customerId: string, orderId: string) => ({
  source: 'pos',
  orderId,
  channel: 'store',
  storeId: STORE,
  customerId,
  paidAmountMinor: 459_800,
  currency: 'CNY',
  purchasedAt: '2026-11-01T09:00:00+08:00',
  lines: [
    {
      lineId: '1',
      sku: 'JKT-DOWN-BLK-M',
      category: 'outerwear',
      productName: 'Down jacket, black, M',
      quantity: 1,
      unitPriceMinor: 459_800,
      warrantyClass: 'general',
    },
  ],
});

describe('crm -> complaints on one namespace (real Postgres and NATS)', () => {
  let group: StartedGroup<[typeof crmService, typeof complaintsService]>;
  let crm: ServiceHarness;
  let complaints: ServiceHarness;
  let customerId: string;
  const orders = [`SO-${randomUUID().slice(0, 8)}`, `SO-${randomUUID().slice(0, 8)}`];

  beforeAll(async () => {
    group = await startServices([crmService, complaintsService], { clock: new ManualClock(NOW) });
    [crm, complaints] = group.services;
    const res = await crm.request('POST', '/api/v1/customers', { as: 'system', body: customerBody() });
    expect(res.statusCode).toBe(201);
    customerId = res.json().id;
  });

  afterAll(async () => {
    await group?.stop();
  });

  const tierCopy = async () =>
    (
      await complaints.sql<{ tier: string }>(`SELECT tier FROM customer_tier WHERE customer_id = $1`, [
        customerId,
      ])
    )[0]?.tier ?? null;

  it("crm's purchases become complaints' order counts, and the tier they earn its tier copy", async () => {
    for (const orderId of orders) {
      const res = await crm.request('POST', '/api/v1/purchases', {
        as: 'system',
        body: purchaseBody(customerId, orderId),
      });
      expect(res.statusCode).toBe(201);
    }
    // The second purchase qualifies the customer for silver in crm; complaints hears of it.
    await waitFor(async () => (await tierCopy()) === 'silver', 15_000, "complaints' tier copy is silver");
    await waitFor(
      async () =>
        (
          await complaints.request(
            'GET',
            `/api/v1/admin/analytics/kpis?from=2026-11-01&to=2026-11-02&storeId=${STORE}`,
            { as: 'lead' },
          )
        ).json().orders === 2,
      15_000,
      "complaints counts crm's two orders",
    );
    const recorded = await complaints.sql<{ order_id: string }>(
      `SELECT order_id FROM recorded_order WHERE customer_id = $1 ORDER BY order_id`,
      [customerId],
    );
    expect(recorded.map((r) => r.order_id)).toEqual([...orders].sort());
  });

  it("erasing the customer in crm scrubs the complainant from complaints' copy, and its history says so", async () => {
    const filed = await complaints.request('POST', '/api/v1/complaints', {
      as: 'agent',
      body: validComplaint({ customerId, complainant: person, orderId: orders[0] }),
    });
    expect(filed.statusCode).toBe(201);
    const complaintId: string = filed.json().id;
    const detail = () => complaints.request('GET', `/api/v1/complaints/${complaintId}`, { as: 'agent' });
    expect((await detail()).json().complainant).toEqual(person);

    const erased = await crm.request('POST', `/api/v1/customers/${customerId}/erasure`, {
      as: 'system',
      body: { reason: 'customer request', requestedBy: 'dpo-1' },
    });
    expect(erased.statusCode).toBeLessThan(300);
    expect(await crm.outbox(Subjects.crm.customerErased)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ customerId }) }),
    ]);

    const raw = async () =>
      (
        await complaints.sql<Record<string, string | null>>(
          `SELECT complainant_name, complainant_phone, complainant_email, phone_hash, email_hash
             FROM complaint WHERE id = $1`,
          [complaintId],
        )
      )[0];
    await waitFor(
      async () => Object.values((await raw()) ?? { x: 'missing' }).every((v) => v === null),
      15_000,
      "complaints' copy of the complainant scrubbed",
    );

    const view = await detail();
    expect(view.statusCode).toBe(200);
    expect(view.json().complainant).toEqual({ name: null, phone: null, email: null });
    expect(JSON.stringify(view.json())).not.toMatch(/Wang Fang|0021 7788|wang\.fang/);
    // The anonymous case facts stay for the statistics.
    expect(view.json()).toMatchObject({ id: complaintId, customerId, storeId: STORE });

    const history = (
      await complaints.request('GET', `/api/v1/complaints/${complaintId}/history`, { as: 'agent' })
    ).json<{ action: string; actorId: string }[]>();
    expect(history).toContainEqual(
      expect.objectContaining({ action: 'personal-data-erased', actorId: 'dpo-1' }),
    );
    // The tier copy goes with the person.
    expect(await tierCopy()).toBeNull();
  });
});
