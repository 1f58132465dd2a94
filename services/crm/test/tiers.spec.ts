import { Subjects } from '@cx/contracts';
import { DAY_MS, ManualClock } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { LoyaltySweeper } from '../src/loyalty/loyalty.sweeper';
import { crmService } from '../src/service';
import { balanceAndLedger, buy } from './loyalty-support';
import { addCustomer } from './support';

const NOW = '2026-11-01T02:00:00.000Z';

describe('loyalty tiers (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  const sweep = () => h.get(LoyaltySweeper).sweepOnce();
  const tier = async (customerId: string) =>
    (await h.request('GET', `/api/v1/customers/${customerId}/tier`, { as: 'agent' })).json();
  const changes = async (customerId: string) =>
    (await h.outbox(Subjects.crm.customerTierChanged)).filter((e) => e.data.customerId === customerId);
  const notices = async (customerId: string) =>
    (await h.outbox(Subjects.crm.customerTierAtRisk)).filter((e) => e.data.customerId === customerId);

  beforeAll(async () => {
    h = await startService(crmService, {
      clock: new ManualClock(NOW),
      env: { LOYALTY_SWEEP_INTERVAL_MS: '86400000' },
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  afterEach(() => h.clock.set(NOW));

  /** A full refund of a purchase, as aftersales' completed return naming `customerId`. */
  const refund = async (customerId: string, purchaseId: string, amount: number) => {
    const [{ order_id: orderId }] = await h.sql<{ order_id: string }>(
      `SELECT order_id FROM purchase WHERE id = $1`,
      [purchaseId],
    );
    await h.publish(Subjects.aftersales.returnCompleted, {
      returnId: randomUUID(),
      customerId,
      orderId,
      storeId: 'SH-001',
      kind: 'return',
      lines: [{ lineId: '1', sku: 'JKT-DOWN-BLK-M', quantity: 1, refundAmountMinor: amount }],
      refundAmountMinor: amount,
      currency: 'CNY',
      completedAt: h.clock.now().toISOString(),
    });
  };

  it('upgrades as soon as a purchase qualifies (spend and purchases), with tier-changed', async () => {
    const customerId = await addCustomer(h);
    await buy(h, customerId, 150_000);
    expect(await tier(customerId)).toMatchObject({ tier: 'standard', spendMinor: 150_000, purchases: 1 });
    expect(await changes(customerId)).toEqual([]);
    await buy(h, customerId, 10_000);
    const view = await tier(customerId);
    expect(view).toMatchObject({
      tier: 'silver',
      since: NOW,
      benefits: {
        discountPercent: 5,
        pointsMultiplier: 1.25,
        priorityService: false,
        dedicatedContact: false,
      },
      downgradeTo: null,
    });
    const [event] = await changes(customerId);
    expect(event.data).toEqual({
      customerId,
      fromTier: null,
      toTier: 'silver',
      reason: 'purchase',
      changedAt: NOW,
    });
    const [row] = await h.sql(`SELECT tier FROM customer_tier WHERE customer_id = $1`, [customerId]);
    expect(row).toEqual({ tier: 'silver' });
    // The next purchase earns with silver's multiplier (1.25).
    const next = await buy(h, customerId, 10_000);
    const [lot] = await h.sql(`SELECT points FROM points_lot WHERE purchase_id = $1`, [next]);
    expect(lot).toEqual({ points: 125 });
  });

  it('does not lower the tier because of a refund after the upgrade', async () => {
    const customerId = await addCustomer(h);
    const big = await buy(h, customerId, 600_000);
    for (let i = 0; i < 4; i++) await buy(h, customerId, 10_000);
    expect(await tier(customerId)).toMatchObject({ tier: 'gold' });
    // The refund arrives as aftersales' completed return, through the purchases module's handler.
    await refund(customerId, big, 600_000);
    await waitFor(
      async () =>
        (
          await h.sql(`SELECT 1 FROM loyalty_purchase WHERE purchase_id = $1 AND refunded_minor = 600000`, [
            big,
          ])
        ).length === 1,
      10_000,
      'the refund reached loyalty',
    );
    expect(await tier(customerId)).toMatchObject({ tier: 'gold', spendMinor: 40_000, purchases: 4 });
    expect((await changes(customerId)).map((e) => e.data.toTier)).toEqual(['silver', 'gold']);
    // Not even a review inside the grace period lowers it: first the notice.
    h.clock.advance(31 * DAY_MS);
    await sweep();
    expect(await tier(customerId)).toMatchObject({ tier: 'gold', downgradeTo: 'standard' });
    expect((await changes(customerId)).map((e) => e.data.toTier)).toEqual(['silver', 'gold']);
  });

  it('tells the customer ahead of the review, and downgrades at the review after the grace period', async () => {
    const customerId = await addCustomer(h);
    await buy(h, customerId, 80_000);
    await buy(h, customerId, 80_000);
    expect(await tier(customerId)).toMatchObject({ tier: 'silver' });

    // A year on, both purchases have left the rolling window: the review sends the notice.
    h.clock.advance(366 * DAY_MS);
    const first = await sweep();
    expect(first.noticed).toBeGreaterThanOrEqual(1);
    const [notice] = await notices(customerId);
    const downgradeAt = new Date(h.clock.now().getTime() + 30 * DAY_MS).toISOString();
    expect(notice.data).toEqual({
      customerId,
      currentTier: 'silver',
      downgradeTo: 'standard',
      downgradeAt,
      spendToKeepMinor: 100_000,
      purchasesToKeep: 2,
    });
    expect(await tier(customerId)).toMatchObject({ tier: 'silver', downgradeTo: 'standard', downgradeAt });

    // Reviews inside the grace period neither repeat the notice nor lower the tier.
    h.clock.advance(29 * DAY_MS);
    await sweep();
    expect(await notices(customerId)).toHaveLength(1);
    expect(await tier(customerId)).toMatchObject({ tier: 'silver' });

    h.clock.advance(DAY_MS);
    await sweep();
    expect(await tier(customerId)).toMatchObject({ tier: 'standard', downgradeTo: null });
    const events = await changes(customerId);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ toTier: 'silver', reason: 'purchase' }),
      expect.objectContaining({ fromTier: 'silver', toTier: 'standard', reason: 'periodic-review' }),
    ]);
  });

  it('withdraws the notice when the customer buys enough again', async () => {
    const customerId = await addCustomer(h);
    await buy(h, customerId, 80_000);
    await buy(h, customerId, 80_000);
    h.clock.advance(366 * DAY_MS);
    await sweep();
    expect(await tier(customerId)).toMatchObject({ tier: 'silver', downgradeTo: 'standard' });
    await buy(h, customerId, 60_000);
    await buy(h, customerId, 60_000);
    h.clock.advance(30 * DAY_MS);
    await sweep();
    expect(await tier(customerId)).toMatchObject({ tier: 'silver', downgradeTo: null, downgradeAt: null });
    expect((await changes(customerId)).map((e) => e.data.toTier)).toEqual(['silver']);
  });

  it("lets the lead change a tier's thresholds and benefits, in order only", async () => {
    const tiers = await h.request('GET', '/api/v1/admin/policies/loyalty/tiers', { as: 'lead' });
    expect(tiers.json().map((t: { tier: string }) => t.tier)).toEqual([
      'standard',
      'silver',
      'gold',
      'diamond',
    ]);
    const changed = await h.request('PATCH', '/api/v1/admin/policies/loyalty/tiers/diamond', {
      as: 'lead',
      body: { minSpendMinor: 3_000_000, dedicatedContact: true },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ tier: 'diamond', minSpendMinor: 3_000_000, minPurchases: 10 });
    const backwards = await h.request('PATCH', '/api/v1/admin/policies/loyalty/tiers/silver', {
      as: 'lead',
      body: { minPurchases: 50 },
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json()).toMatchObject({ code: 'TIER_THRESHOLDS_OUT_OF_ORDER' });
    expect(
      (await h.request('PATCH', '/api/v1/admin/policies/loyalty/tiers/platinum', { as: 'lead', body: {} }))
        .statusCode,
    ).toBe(400);
    expect(
      (await h.request('PATCH', '/api/v1/admin/policies/loyalty/tiers/gold', { as: 'agent', body: {} }))
        .statusCode,
    ).toBe(403);
  });

  it("a merge moves the duplicate's purchases, points and tier inputs to the survivor, in its transaction", async () => {
    const survivor = await addCustomer(h);
    const duplicate = await addCustomer(h);
    // Apart, each is silver (300,000 and 3 purchases; 300,000 and 2): together 600,000 and 5 make gold.
    for (let i = 0; i < 3; i++) await buy(h, survivor, 100_000);
    expect(await tier(survivor)).toMatchObject({ tier: 'silver' });
    const mine = await buy(h, duplicate, 150_000, { deliveredAt: h.clock.now() });
    await buy(h, duplicate, 150_000, { deliveredAt: h.clock.now() });
    // The duplicate's points become available (delivered, return window closed); the survivor's stay pending.
    h.clock.advance(8 * DAY_MS);
    await sweep();
    const before = { s: await balanceAndLedger(h, survivor), d: await balanceAndLedger(h, duplicate) };
    expect(before.d.balance).toEqual({ available: 1_500 + 1_500, pending: 0, debt: 0 });
    expect(before.s.balance).toEqual({ available: 0, pending: 1_000 + 1_000 + 1_250, debt: 0 });

    const res = await h.request('POST', `/api/v1/customers/${survivor}/merge`, {
      as: 'agent',
      body: { duplicateId: duplicate },
    });
    expect(res.statusCode).toBe(200);
    const count = async (table: string, id: string) =>
      (await h.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE customer_id = $1`, [id]))[0]
        .n;
    for (const table of ['purchase', 'loyalty_purchase', 'points_lot'])
      expect(await count(table, duplicate)).toBe(0);
    expect(await count('purchase', survivor)).toBe(5);
    expect(await count('customer_tier', duplicate)).toBe(0);
    const after = { s: await balanceAndLedger(h, survivor), d: await balanceAndLedger(h, duplicate) };
    expect(after.d.balance).toEqual({ available: 0, pending: 0, debt: 0 });
    expect(after.s.balance).toEqual({ available: 3_000, pending: 3_250, debt: 0 });
    for (const side of [after.s, after.d]) expect(side.sums).toEqual(side.balance);
    const merges = await h.sql<{ customer_id: string; kind: string; reference: string }>(
      `SELECT customer_id, kind, reference FROM points_entry WHERE kind LIKE 'merge-%' AND customer_id = ANY($1)
        ORDER BY kind`,
      [[survivor, duplicate]],
    );
    expect(merges).toEqual([
      { customer_id: survivor, kind: 'merge-in', reference: duplicate },
      { customer_id: duplicate, kind: 'merge-out', reference: survivor },
    ]);
    expect(await tier(survivor)).toMatchObject({ tier: 'gold', spendMinor: 600_000, purchases: 5 });
    const [changed] = (await changes(survivor)).filter((e) => e.data.reason === 'merge');
    expect(changed.data).toEqual({
      customerId: survivor,
      fromTier: 'silver',
      toTier: 'gold',
      reason: 'merge',
      changedAt: h.clock.now().toISOString(),
    });

    // Points sent to the merged record now are refused, naming the survivor (they would be stranded there).
    for (const [path, body, as] of [
      ['points/goodwill', { points: 10, reason: 'late delivery', reference: 'CMP-1' }, 'agent'],
      ['points/redemptions', { points: 10 }, 'system'],
    ] as const) {
      const refused = await h.request('POST', `/api/v1/customers/${duplicate}/${path}`, { as, body });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'CUSTOMER_MERGED', details: { survivorId: survivor } });
    }
    expect(await balanceAndLedger(h, duplicate)).toEqual(after.d);

    // A return naming the duplicate's id (aftersales' copy was made before the merge) finds the purchase
    // at the survivor and takes its points back from the survivor's balance.
    await refund(duplicate, mine, 150_000);
    await waitFor(
      async () =>
        (await balanceAndLedger(h, survivor)).balance.available === after.s.balance.available - 1_500,
      10_000,
      "the refund reached the survivor's points",
    );
    const refunded = await balanceAndLedger(h, survivor);
    expect(refunded.sums).toEqual(refunded.balance);
    expect(await tier(survivor)).toMatchObject({ tier: 'gold', spendMinor: 450_000, purchases: 4 });
  });
});
