// crm merged two records of one person (evt.crm.customer.merged.v1): complaints' copies follow the survivor.
import { Subjects, Tier } from '@cx/contracts';
import { validComplaint, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { ComplaintsHarness } from './support';

describe('complaints follows crm customer merges (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** A complaint with its own contact, so that only the customer id can link it to another. */
  const file = async (customerId: string, over: Record<string, unknown> = {}) => {
    const res = await h.request('POST', '/api/v1/complaints', {
      as: 'agent',
      body: validComplaint({ customerId, complainant: { email: `m-${randomUUID()}@example.com` }, ...over }),
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; isRepeat: boolean; repeatOf: string | null }>();
  };

  it("re-points the merged customer's complaints, orders and tier copy to the survivor", async () => {
    const survivorId = randomUUID();
    const mergedId = randomUUID();
    const kept = await file(survivorId, { category: 'delivery', productSku: 'SKU-KEPT' });
    const moved = await file(mergedId);
    const mergedOrder = `SO-${randomUUID().slice(0, 8)}`;
    await h.publish(Subjects.crm.purchaseRecorded, {
      orderId: mergedOrder,
      channel: 'store',
      storeId: 'SH-001',
      customerId: mergedId,
      paidAmountMinor: 10_000,
      currency: 'CNY',
      purchasedAt: '2026-11-01T09:00:00+08:00',
      lines: [
        {
          lineId: '1',
          sku: 'SKU-1',
          category: 'outerwear',
          productName: 'Jacket',
          quantity: 1,
          unitPriceMinor: 10_000,
          warrantyClass: 'general',
        },
      ],
    });
    const tier = (customerId: string, toTier: Tier) =>
      h.publish(Subjects.crm.customerTierChanged, {
        customerId,
        fromTier: 'standard',
        toTier,
        reason: 'qualified',
        changedAt: '2026-11-01T10:00:00Z',
      });
    await tier(survivorId, 'gold');
    await tier(mergedId, 'silver');
    await waitFor(
      async () =>
        (await h.sql(`SELECT 1 FROM customer_tier WHERE customer_id = ANY($1)`, [[survivorId, mergedId]]))
          .length === 2 &&
        (await h.sql(`SELECT 1 FROM recorded_order WHERE order_id = $1`, [mergedOrder])).length === 1,
      10_000,
      'copies of both customers',
    );

    await h.publish(Subjects.crm.customerMerged, {
      survivorId,
      mergedId,
      mergedAt: '2026-11-02T01:00:00Z',
    });
    const list = async (customerId: string) =>
      (await h.request('GET', `/api/v1/complaints?customerId=${customerId}`, { as: 'agent' }))
        .json<{ items: { id: string }[] }>()
        .items.map((c) => c.id)
        .sort();
    await waitFor(
      async () => (await list(mergedId)).length === 0,
      10_000,
      'complaints moved to the survivor',
    );
    expect(await list(survivorId)).toEqual([kept.id, moved.id].sort());

    const history = (await h.request('GET', `/api/v1/complaints/${moved.id}/history`, { as: 'agent' })).json<
      { action: string; details: Record<string, unknown> }[]
    >();
    expect(history).toContainEqual(
      expect.objectContaining({
        action: 'customer-merged',
        details: expect.objectContaining({ mergedId, survivorId }),
      }),
    );
    // The survivor's own complaint did not move and gets no entry.
    const keptHistory = (
      await h.request('GET', `/api/v1/complaints/${kept.id}/history`, { as: 'agent' })
    ).json<{ action: string }[]>();
    expect(keptHistory.map((e) => e.action)).not.toContain('customer-merged');

    expect(await h.sql(`SELECT customer_id FROM recorded_order WHERE order_id = $1`, [mergedOrder])).toEqual([
      { customer_id: survivorId },
    ]);
    expect(
      await h.sql(`SELECT customer_id, tier FROM customer_tier WHERE customer_id = ANY($1)`, [
        [survivorId, mergedId],
      ]),
    ).toEqual([{ customer_id: survivorId, tier: 'gold' }]);

    // Repeat detection sees both records' complaints as one customer's.
    const next = await file(survivorId);
    expect(next).toMatchObject({ isRepeat: true, repeatOf: moved.id });
  });
});
