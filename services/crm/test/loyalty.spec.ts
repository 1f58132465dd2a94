import { Subjects } from '@cx/contracts';
import { DAY_MS, ManualClock, Transactions } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { LoyaltyPolicyCache } from '../src/loyalty/loyalty.cache';
import { LoyaltyService } from '../src/loyalty/loyalty.service';
import { LoyaltySweeper } from '../src/loyalty/loyalty.sweeper';
import { crmService } from '../src/service';
import { balanceAndLedger, buy } from './loyalty-support';
import { addCustomer } from './support';

const NOW = '2026-11-01T02:00:00.000Z';

describe('loyalty points (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  const sweep = () => h.get(LoyaltySweeper).sweepOnce();
  const points = async (customerId: string) =>
    (await h.request('GET', `/api/v1/customers/${customerId}/points`, { as: 'agent' })).json();
  const redeem = (customerId: string, body: unknown, headers: Record<string, string> = {}) =>
    h.request('POST', `/api/v1/customers/${customerId}/points/redemptions`, { as: 'agent', body, headers });
  const goodwill = (customerId: string, body: unknown, as: 'agent' | 'lead' | 'system' = 'agent') =>
    h.request('POST', `/api/v1/customers/${customerId}/points/goodwill`, { as, body });
  const grant = async (customerId: string, n: number) => {
    const res = await goodwill(customerId, {
      points: n,
      reason: 'Apology for the late repair',
      reference: 'C-2026-1',
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ lotId: string }>().lotId;
  };
  const expectLedgerEqualsBalance = async (customerId: string) => {
    const { balance, sums } = await balanceAndLedger(h, customerId);
    expect(sums).toEqual(balance);
  };

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

  it('keeps a purchase pending until 7 days after its sign-off, then makes it available', async () => {
    const customerId = await addCustomer(h);
    const purchaseId = await buy(h, customerId, 12_345);
    expect(await points(customerId)).toMatchObject({ available: 0, pending: 123, debt: 0 });

    // No sign-off yet: still pending, however long it waits.
    h.clock.advance(60 * DAY_MS);
    await sweep();
    expect(await points(customerId)).toMatchObject({ available: 0, pending: 123 });

    const deliveredAt = h.clock.now();
    const signed = await h.request('PATCH', `/api/v1/purchases/${purchaseId}/delivery`, {
      as: 'system',
      body: { deliveredAt: deliveredAt.toISOString() },
    });
    expect(signed.statusCode).toBeLessThan(300);
    h.clock.advance(7 * DAY_MS - 1_000);
    await sweep();
    expect(await points(customerId)).toMatchObject({ available: 0, pending: 123 });
    h.clock.advance(1_000);
    expect((await sweep()).released).toBeGreaterThanOrEqual(1);
    expect(await points(customerId)).toMatchObject({ available: 123, pending: 0 });
    await expectLedgerEqualsBalance(customerId);
  });

  it('waits 15 days for a category the lead marks special', async () => {
    const lead = await h.request('PATCH', '/api/v1/admin/policies/loyalty', {
      as: 'lead',
      body: { specialCategories: ['custom-made'] },
    });
    expect(lead.statusCode).toBe(200);
    const customerId = await addCustomer(h);
    await buy(h, customerId, 10_000, { category: 'custom-made', deliveredAt: h.clock.now() });
    h.clock.advance(14 * DAY_MS);
    await sweep();
    expect(await points(customerId)).toMatchObject({ available: 0, pending: 100 });
    h.clock.advance(DAY_MS);
    await sweep();
    expect(await points(customerId)).toMatchObject({ available: 100, pending: 0 });
  });

  it('lets only one of two concurrent redemptions of the last points through; the other is a 409', async () => {
    const customerId = await addCustomer(h);
    await grant(customerId, 100);
    const answers = await Promise.all([
      redeem(customerId, { points: 80 }),
      redeem(customerId, { points: 80 }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.statusCode === 409)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    expect(await points(customerId)).toMatchObject({ available: 20 });
    await expectLedgerEqualsBalance(customerId);
  });

  it('answers a retried redemption with its first answer (Idempotency-Key) and a reused key with 422', async () => {
    const customerId = await addCustomer(h);
    await grant(customerId, 50);
    const key = randomUUID();
    const first = await redeem(customerId, { points: 10, reference: 'V-1' }, { 'idempotency-key': key });
    const again = await redeem(customerId, { points: 10, reference: 'V-1' }, { 'idempotency-key': key });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(first.json());
    expect((await redeem(customerId, { points: 11 }, { 'idempotency-key': key })).statusCode).toBe(422);
    expect((await redeem(randomUUID(), { points: 1 })).statusCode).toBe(404);
    const invalid = await redeem(customerId, { points: 0 });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json())).toContain('points');
    expect(await points(customerId)).toMatchObject({ available: 40 });
  });

  it('spends the points that expire first', async () => {
    const customerId = await addCustomer(h);
    const early = await grant(customerId, 30);
    h.clock.advance(10 * DAY_MS);
    const late = await grant(customerId, 50);
    expect((await redeem(customerId, { points: 40 })).statusCode).toBe(201);
    const lots = await h.sql<{ id: string; remaining: number; status: string }>(
      `SELECT id, remaining, status FROM points_lot WHERE customer_id = $1`,
      [customerId],
    );
    expect(lots.find((l) => l.id === early)).toMatchObject({ remaining: 0, status: 'closed' });
    expect(lots.find((l) => l.id === late)).toMatchObject({ remaining: 40, status: 'available' });
  });

  it('turns a refund after the points were spent into a debt that new points pay first', async () => {
    const customerId = await addCustomer(h);
    const purchaseId = await buy(h, customerId, 20_000, { deliveredAt: h.clock.now() });
    h.clock.advance(7 * DAY_MS);
    await sweep();
    expect((await redeem(customerId, { points: 150 })).statusCode).toBe(201);
    await h.get(Transactions).run((em) =>
      h.get(LoyaltyService).recordRefund(em, {
        purchaseId,
        customerId,
        returnId: randomUUID(),
        amountMinor: 20_000,
        refundedAt: h.clock.now(),
      }),
    );
    expect(await points(customerId)).toMatchObject({ available: 0, pending: 0, debt: 150 });
    await grant(customerId, 100);
    expect(await points(customerId)).toMatchObject({ available: 0, debt: 50 });
    await buy(h, customerId, 8_000, { deliveredAt: h.clock.now() });
    h.clock.advance(7 * DAY_MS);
    await sweep();
    expect(await points(customerId)).toMatchObject({ available: 30, debt: 0 });
    await expectLedgerEqualsBalance(customerId);
    const kinds = (
      await h.sql<{ kind: string }>(`SELECT kind FROM points_entry WHERE customer_id = $1 ORDER BY seq`, [
        customerId,
      ])
    ).map((e) => e.kind);
    expect(kinds).toEqual([
      'earn',
      'release',
      'redeem',
      'reverse',
      'debt',
      'goodwill',
      'debt-payment',
      'earn',
      'release',
      'debt-payment',
    ]);
  });

  it('takes back points that expired unspent without a debt; only what was spent becomes one', async () => {
    const customerId = await addCustomer(h);
    const purchaseId = await buy(h, customerId, 10_000, { deliveredAt: h.clock.now() });
    h.clock.advance(7 * DAY_MS);
    await sweep();
    expect((await redeem(customerId, { points: 30 })).statusCode).toBe(201);
    h.clock.advance(365 * DAY_MS);
    await sweep();
    expect(await points(customerId)).toMatchObject({ available: 0, pending: 0, debt: 0 });
    await h.get(Transactions).run((em) =>
      h.get(LoyaltyService).recordRefund(em, {
        purchaseId,
        customerId,
        returnId: randomUUID(),
        amountMinor: 10_000,
        refundedAt: h.clock.now(),
      }),
    );
    expect(await points(customerId)).toMatchObject({ available: 0, pending: 0, debt: 30 });
    await expectLedgerEqualsBalance(customerId);
  });

  it('reminds before points expire, once, and expires them on their date', async () => {
    const customerId = await addCustomer(h);
    await grant(customerId, 70); // expires after 365 days, reminded 30 days before
    h.clock.advance(334 * DAY_MS);
    await sweep();
    const reminder = () =>
      h
        .outbox(Subjects.crm.pointsExpiring)
        .then((all) => all.filter((e) => e.data.customerId === customerId));
    expect(await reminder()).toEqual([]);
    h.clock.advance(DAY_MS);
    await sweep();
    await sweep();
    const sent = await reminder();
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({ customerId, points: 70, availableBalance: 70 });
    expect(await points(customerId)).toMatchObject({ available: 70, expiringSoon: 70 });
    h.clock.advance(30 * DAY_MS);
    expect((await sweep()).expired).toBeGreaterThanOrEqual(1);
    expect(await points(customerId)).toMatchObject({ available: 0, expiringSoon: 0 });
    await expectLedgerEqualsBalance(customerId);
  });

  it('lets agents and leads grant goodwill with a reason and a reference, nobody else', async () => {
    const customerId = await addCustomer(h);
    const body = { points: 20, reason: 'Apology', reference: 'C-2026-000042' };
    expect((await goodwill(customerId, body, 'agent')).statusCode).toBe(201);
    expect((await goodwill(customerId, body, 'lead')).statusCode).toBe(201);
    expect((await goodwill(customerId, body, 'system')).statusCode).toBe(403);
    expect(
      (await h.request('POST', `/api/v1/customers/${customerId}/points/goodwill`, { body })).statusCode,
    ).toBe(401);
    const missing = await goodwill(customerId, { points: 20, reference: 'C-1' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json())).toContain('reason');
    expect((await goodwill(randomUUID(), body)).statusCode).toBe(404);
    const [entry] = (
      await h.request('GET', `/api/v1/customers/${customerId}/points/ledger?limit=1`, { as: 'lead' })
    ).json().items;
    expect(entry).toMatchObject({
      kind: 'goodwill',
      reason: 'Apology',
      reference: 'C-2026-000042',
      actorId: 'u-lead',
    });
  });

  it('pages the ledger newest first with a cursor', async () => {
    const customerId = await addCustomer(h);
    for (let i = 0; i < 3; i++) {
      await grant(customerId, 10 + i);
      h.clock.advance(1_000);
    }
    const first = (
      await h.request('GET', `/api/v1/customers/${customerId}/points/ledger?limit=2`, { as: 'agent' })
    ).json();
    expect(first.items.map((e: { availableDelta: number }) => e.availableDelta)).toEqual([12, 11]);
    const second = (
      await h.request(
        'GET',
        `/api/v1/customers/${customerId}/points/ledger?limit=2&cursor=${first.nextCursor}`,
        {
          as: 'agent',
        },
      )
    ).json();
    expect(second).toEqual({ items: [expect.objectContaining({ availableDelta: 10 })], nextCursor: null });
    expect(
      (await h.request('GET', `/api/v1/customers/${customerId}/points/ledger?cursor=bad!`, { as: 'agent' }))
        .statusCode,
    ).toBe(400);
  });

  it('earns more in a bonus campaign for its categories', async () => {
    const created = await h.request('POST', '/api/v1/admin/policies/campaigns', {
      as: 'lead',
      body: {
        code: 'winter-double',
        name: 'Winter double points',
        multiplier: 2,
        categories: ['outerwear'],
        startsAt: '2026-10-01T00:00:00Z',
        endsAt: '2026-12-01T00:00:00Z',
      },
    });
    expect(created.statusCode).toBe(201);
    const customerId = await addCustomer(h);
    await buy(h, customerId, 10_000, { category: 'outerwear' });
    await buy(h, customerId, 10_000, { category: 'shoes' });
    expect(await points(customerId)).toMatchObject({ pending: 300 });
    expect(
      (
        await h.request('DELETE', `/api/v1/admin/policies/campaigns/${created.json().id}`, {
          as: 'lead',
        })
      ).statusCode,
    ).toBe(204);
  });

  it('earns by a campaign another replica (or psql) created, once its notification arrives', async () => {
    const cache = h.get(LoyaltyPolicyCache);
    const changed = async (write: () => Promise<unknown>) => {
      const before = cache.generation;
      await write();
      await waitFor(() => cache.generation > before, 10_000, 'the loyalty policy notification');
    };
    const customerId = await addCustomer(h);
    await buy(h, customerId, 10_000, { category: 'knitwear' }); // the policies are read and kept
    const id = randomUUID();
    await changed(() =>
      h.sql(
        `INSERT INTO loyalty_campaign (id, code, name, multiplier, categories, starts_at, ends_at, created_at, created_by)
         VALUES ($1, 'knit-triple', 'Knitwear triple points', 3, '{knitwear}', '2026-10-01', '2026-12-01', now(), 'psql')`,
        [id],
      ),
    );
    await buy(h, customerId, 10_000, { category: 'knitwear' });
    expect(await points(customerId)).toMatchObject({ pending: 100 + 300 });
    await changed(() => h.sql(`DELETE FROM loyalty_campaign WHERE id = $1`, [id]));
  });

  it('answers more concurrent purchases than the pool has connections while the policies are not cached', async () => {
    h.get(LoyaltyPolicyCache).clear(); // the first purchases all miss; the pool holds 20 connections
    const customers = await Promise.all(Array.from({ length: 5 }, () => addCustomer(h)));
    const bought = await Promise.all(
      Array.from({ length: 30 }, (_, i) => buy(h, customers[i % customers.length], 10_000)),
    );
    expect(bought).toHaveLength(30);
    for (const customerId of customers) expect(await points(customerId)).toMatchObject({ pending: 600 });
  }, 20_000);

  it('keeps every balance equal to the sum of its ledger', async () => {
    const rows = await h.sql<{ customer_id: string }>(
      `SELECT b.customer_id FROM points_balance b
         LEFT JOIN (SELECT customer_id, sum(available_delta) a, sum(pending_delta) p, sum(debt_delta) d
                      FROM points_entry GROUP BY customer_id) s ON s.customer_id = b.customer_id
        WHERE b.available <> COALESCE(s.a, 0) OR b.pending <> COALESCE(s.p, 0) OR b.debt <> COALESCE(s.d, 0)`,
    );
    expect(rows).toEqual([]);
    expect((await h.sql(`SELECT count(*)::int AS n FROM points_balance`))[0]).toMatchObject({
      n: expect.any(Number),
    });
  });
});
