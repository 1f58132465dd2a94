import { Subjects, uuidv7 } from '@cx/contracts';
import { ManualClock, NatsClient, RpcClient, RpcError } from '@cx/platform';
import { ServiceHarness, startService, validPurchase, validPurchaseLine, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { LoyaltyService } from '../src/loyalty/loyalty.service';
import { crmService } from '../src/service';
import { addCustomer } from './support';

const NOW = '2026-11-01T02:00:00.000Z';
const URL = '/api/v1/purchases';

/** A jacket and a phone with its serial number. */
const purchase = (customerId: string, over: Record<string, unknown> = {}) =>
  validPurchase(customerId, {
    paidAmountMinor: 459_800,
    lines: [
      validPurchaseLine({ warrantyClass: 'general' }),
      validPurchaseLine({
        lineId: '2',
        sku: 'PH-X200-128-BLU',
        category: 'phones',
        productName: 'X200 phone 128 GB, blue',
        serialNumber: 'SN8823410091',
        unitPriceMinor: 329_900,
        warrantyClass: 'electronics',
      }),
    ],
    ...over,
  });

describe('purchases (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let customerId: string;

  beforeAll(async () => {
    h = await startService(crmService, { clock: new ManualClock(NOW) });
    customerId = await addCustomer(h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    h.request('POST', URL, { as: 'system', body, headers });
  const recorded = async (orderId: string) =>
    (await h.outbox(Subjects.crm.purchaseRecorded)).filter((e) => e.data.orderId === orderId);
  const entries = (purchaseId: string) =>
    h.sql<{ kind: string; pending: number }>(
      `SELECT kind, pending_delta AS pending FROM points_entry WHERE purchase_id = $1 ORDER BY at, id`,
      [purchaseId],
    );

  describe('POST /purchases', () => {
    it('records a purchase with its lines, its event and its pending points; the same order again changes nothing', async () => {
      const body = purchase(customerId);
      const first = await post(body);
      expect(first.statusCode).toBe(201);
      const created = first.json();
      expect(created).toMatchObject({
        source: 'pos',
        orderId: body.orderId,
        customerId,
        paidAmountMinor: 459_800,
        refundedAmountMinor: 0,
        purchasedAt: '2026-11-01T01:00:00.000Z',
        deliveredAt: null,
        recordedAt: NOW,
      });
      expect(created.lines.map((l: { serialNumber: string | null }) => l.serialNumber)).toEqual([
        null,
        'SN8823410091',
      ]);
      expect(first.headers.location).toBe(`${URL}/${created.id}`);
      expect(
        await h.sql('SELECT count(*)::int AS n FROM purchase_line WHERE purchase_id = $1', [created.id]),
      ).toEqual([{ n: 2 }]);
      const events = await recorded(body.orderId);
      expect(events).toHaveLength(1);
      expect(events[0].data.lines[1]).toMatchObject({
        serialNumber: 'SN8823410091',
        warrantyClass: 'electronics',
      });
      expect(events[0].data.lines[0].serialNumber).toBeUndefined();
      const earned = await entries(created.id);
      expect(earned.length).toBeGreaterThan(0);
      expect(earned.reduce((s, e) => s + e.pending, 0)).toBeGreaterThan(0);

      // The same order, times written with another offset: 200 with the purchase, nothing new.
      const again = await post({ ...body, purchasedAt: '2026-11-01T01:00:00Z' });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(created);
      expect(await recorded(body.orderId)).toHaveLength(1);
      expect(await entries(created.id)).toEqual(earned);
      expect(
        await h.sql('SELECT count(*)::int AS n FROM purchase WHERE order_id = $1', [body.orderId]),
      ).toEqual([{ n: 1 }]);
    });

    it('names the seller in the recorded event when the selling system does (for training), and refuses a malformed one naming the field', async () => {
      const body = purchase(customerId, { salesEmployeeId: 'E10023' });
      expect((await post(body)).statusCode).toBe(201);
      expect((await recorded(body.orderId))[0].data.salesEmployeeId).toBe('E10023');
      const without = purchase(customerId);
      expect((await post(without)).statusCode).toBe(201);
      expect((await recorded(without.orderId))[0].data).not.toHaveProperty('salesEmployeeId');
      const bad = await post(purchase(customerId, { salesEmployeeId: 'E 10023' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['salesEmployeeId']);
      const bulk = await h.request('POST', `${URL}/bulk`, {
        as: 'system',
        body: { purchases: [purchase(customerId, { salesEmployeeId: 'E10024' })] },
      });
      expect(bulk.statusCode).toBeLessThan(300);
      expect(
        (await h.outbox(Subjects.crm.purchaseRecorded)).some((e) => e.data.salesEmployeeId === 'E10024'),
      ).toBe(true);
    });

    it('answers 409 naming the order for the same order with other content, and takes the same order id from another source', async () => {
      const body = purchase(customerId);
      const created = (await post(body)).json();
      const other = await post({ ...body, paidAmountMinor: 1 });
      expect(other.statusCode).toBe(409);
      expect(other.json()).toMatchObject({
        code: 'PURCHASE_ORDER_CONFLICT',
        details: { field: 'orderId', source: 'pos', orderId: body.orderId, purchaseId: created.id },
      });
      expect((await post({ ...body, source: 'erp' })).statusCode).toBe(201);
    });

    it('records an order sent by several requests at once once: one 201, the others 200 with it', async () => {
      const body = purchase(customerId);
      const answers = await Promise.all(Array.from({ length: 5 }, () => post(body)));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
      expect(await recorded(body.orderId)).toHaveLength(1);
    });

    it('writes concurrent POSTs together (group commit) and still answers each on its own', async () => {
      const batches: number[] = [];
      const loyalty = h.get(LoyaltyService);
      const original = loyalty.recordPurchases.bind(loyalty);
      const spy = jest.spyOn(loyalty, 'recordPurchases').mockImplementation((em, purchases) => {
        batches.push(purchases.length);
        return original(em, purchases);
      });
      try {
        const taken = purchase(customerId);
        expect((await post(taken)).statusCode).toBe(201);
        const key = randomUUID();
        const bodies = [
          ...Array.from({ length: 16 }, () => purchase(customerId)),
          { ...taken, paidAmountMinor: 1 }, // 409
          purchase(randomUUID()), // 422
        ];
        const keyed = purchase(customerId);
        const [answers, retried] = await Promise.all([
          Promise.all(bodies.map((b) => post(b))),
          Promise.all([post(keyed, { 'idempotency-key': key }), post(keyed, { 'idempotency-key': key })]),
        ]);
        expect(answers.map((a) => a.statusCode)).toEqual([...Array(16).fill(201), 409, 422]);
        expect(answers[16].json().details).toMatchObject({ field: 'orderId', orderId: taken.orderId });
        expect(answers[17].json().details).toMatchObject({ field: 'customerId' });
        expect(retried.map((a) => a.statusCode).sort()).toEqual([200, 201]); // the same key: one did the work
        expect(retried[0].json()).toEqual(retried[1].json());
        for (const [i, a] of answers.slice(0, 16).entries()) {
          expect(a.json()).toMatchObject({ orderId: bodies[i].orderId });
          expect(await entries(a.json().id)).toEqual([{ kind: 'earn', pending: expect.any(Number) }]);
        }
        expect(Math.max(...batches)).toBeGreaterThan(1);
      } finally {
        spy.mockRestore();
      }
    });

    it('honours an Idempotency-Key: a retry gets the first answer, the key with another body a 422', async () => {
      const key = randomUUID();
      const body = purchase(customerId);
      const first = await post(body, { 'idempotency-key': key });
      const retry = await post(body, { 'idempotency-key': key });
      expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
      expect(retry.json()).toEqual(first.json());
      const reused = await post(purchase(customerId), { 'idempotency-key': key });
      expect(reused.statusCode).toBe(422);
      expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('refuses an unknown (or erased) customer with 422 naming customerId', async () => {
      for (const id of [randomUUID(), await addCustomer(h, 'erased')]) {
        const res = await post(purchase(id));
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({
          code: 'PURCHASE_UNKNOWN_CUSTOMER',
          details: { field: 'customerId' },
        });
      }
    });

    it('answers a 400 problem naming each bad field', async () => {
      const body = purchase(customerId, {
        source: 'fax',
        deliveredAt: '2026-11-01T00:59:59Z',
      });
      body.lines[1] = { ...body.lines[1], quantity: 0 };
      const res = await post(body);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['lines.1.quantity', 'source']);
      const before = await post(purchase(customerId, { deliveredAt: '2026-11-01T00:59:59Z' }));
      expect(before.statusCode).toBe(400);
      expect(before.json().errors).toEqual([
        { field: 'deliveredAt', messages: ['deliveredAt must not be before purchasedAt'] },
      ]);
    });
  });

  describe('POST /purchases/bulk', () => {
    it('commits the good purchases with their lines, points and events, and refuses each bad one with its reason', async () => {
      const stranger = randomUUID();
      const taken = purchase(customerId);
      const takenId = (await post(taken)).json().id as string;
      const good = [purchase(customerId), purchase(customerId, { source: 'eshop', channel: 'online' })];
      const bad = purchase(customerId, { paidAmountMinor: -1 });
      bad.lines[0] = { ...bad.lines[0], sku: '' };
      const items = [
        good[0],
        bad,
        purchase(stranger),
        { ...taken, currency: 'EUR' },
        taken,
        good[1],
        good[0], // the same order twice in one request: the second is a repeat
        { ...good[1], storeId: 'SH-002' },
        'not a purchase',
        { ...purchase(customerId), colour: 'red' },
      ];
      const res = await h.request('POST', `${URL}/bulk`, { as: 'system', body: { purchases: items } });
      expect(res.statusCode).toBe(200);
      const out = res.json();
      expect(out).toMatchObject({ created: 2, unchanged: 2, refused: 6 });
      const results = out.items as {
        index: number;
        orderId: string | null;
        status: string;
        purchaseId?: string;
        reason?: { code: string; errors?: { field: string }[] };
      }[];
      expect(results.map((r) => [r.index, r.status, r.reason?.code])).toEqual([
        [0, 'created', undefined],
        [1, 'refused', 'invalid'],
        [2, 'refused', 'unknown-customer'],
        [3, 'refused', 'order-conflict'],
        [4, 'unchanged', undefined],
        [5, 'created', undefined],
        [6, 'unchanged', undefined],
        [7, 'refused', 'order-conflict'],
        [8, 'refused', 'invalid'],
        [9, 'refused', 'invalid'],
      ]);
      expect(results[1].reason!.errors!.map((e) => e.field).sort()).toEqual([
        'lines.0.sku',
        'paidAmountMinor',
      ]);
      expect(results[8].orderId).toBeNull();
      expect(results[9].reason!.errors!.map((e) => e.field)).toEqual(['colour']);
      expect(results[3].purchaseId).toBe(takenId);
      expect(results[4].purchaseId).toBe(takenId);
      expect(results[6].purchaseId).toBe(results[0].purchaseId);

      for (const [i, g] of [
        [0, good[0]],
        [5, good[1]],
      ] as const) {
        const id = results[i].purchaseId!;
        expect(results[i].orderId).toBe(g.orderId);
        expect(
          await h.sql('SELECT count(*)::int AS n FROM purchase_line WHERE purchase_id = $1', [id]),
        ).toEqual([{ n: 2 }]);
        expect(await recorded(g.orderId)).toHaveLength(1);
        expect((await entries(id)).length).toBeGreaterThan(0);
      }
      expect(
        await h.sql('SELECT count(*)::int AS n FROM purchase WHERE customer_id = $1', [stranger]),
      ).toEqual([{ n: 0 }]);
    });

    it('takes 1,000 purchases in one request and refuses 1,001 with a 400', async () => {
      const many = Array.from({ length: 1_000 }, () => purchase(customerId));
      const res = await h.request('POST', `${URL}/bulk`, { as: 'system', body: { purchases: many } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ created: 1_000, refused: 0 });
      const tooMany = await h.request('POST', `${URL}/bulk`, {
        as: 'system',
        body: { purchases: [...many, purchase(customerId)] },
      });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().errors[0].field).toBe('purchases');
    });

    it('checks the request itself (checked without copying its items): a list, not empty, no other property', async () => {
      const bad = async (body: unknown) => {
        const res = await h.request('POST', `${URL}/bulk`, { as: 'system', body });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        return res.json().errors.map((e: { field: string }) => e.field);
      };
      expect(await bad({ purchases: [] })).toEqual(['purchases']);
      expect(await bad({ purchases: { 0: purchase(customerId) } })).toEqual(['purchases']);
      expect(await bad({})).toEqual(['purchases']);
      expect(await bad({ purchases: [purchase(customerId)], dryRun: true })).toEqual(['dryRun']);
      expect(await bad([purchase(customerId)])).toEqual(['body']);
      // An item is still checked on its own, its fields named.
      const res = await h.request('POST', `${URL}/bulk`, {
        as: 'system',
        body: { purchases: [{ ...purchase(customerId), paidAmountMinor: -1, extra: 1 }] },
      });
      expect(res.statusCode).toBe(200);
      expect(
        res
          .json()
          .items[0].reason.errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['extra', 'paidAmountMinor']);
    });
  });

  describe('PATCH /purchases/:id/delivery', () => {
    it('records the sign-off once, with evt.crm.purchase.delivered.v1 carrying the serial numbers', async () => {
      const created = (await post(purchase(customerId))).json();
      const url = `${URL}/${created.id}/delivery`;
      const early = await h.request('PATCH', url, {
        as: 'system',
        body: { deliveredAt: '2026-11-01T00:59:59Z' },
      });
      expect(early.statusCode).toBe(400);
      expect(early.json().errors[0].field).toBe('deliveredAt');

      const signed = await h.request('PATCH', url, {
        as: 'system',
        body: { deliveredAt: '2026-11-01T09:30:00+08:00' },
      });
      expect(signed.statusCode).toBe(200);
      expect(signed.json().deliveredAt).toBe('2026-11-01T01:30:00.000Z');
      const again = await h.request('PATCH', url, {
        as: 'system',
        body: { deliveredAt: '2026-11-01T01:30:00Z' },
      });
      expect(again.statusCode).toBe(200);
      const other = await h.request('PATCH', url, {
        as: 'system',
        body: { deliveredAt: '2026-11-01T01:45:00Z' },
      });
      expect(other.statusCode).toBe(409);
      expect(other.json().code).toBe('PURCHASE_ALREADY_DELIVERED');

      const events = (await h.outbox(Subjects.crm.purchaseDelivered)).filter(
        (e) => e.data.purchaseId === created.id,
      );
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({
        customerId,
        orderId: created.orderId,
        storeId: 'SH-001',
        deliveredAt: '2026-11-01T01:30:00.000Z',
      });
      expect(events[0].data.lines.map((l: { serialNumber?: string }) => l.serialNumber)).toEqual([
        undefined,
        'SN8823410091',
      ]);
      expect(
        await h.sql('SELECT delivered_at FROM loyalty_purchase WHERE purchase_id = $1', [created.id]),
      ).toEqual([{ delivered_at: new Date('2026-11-01T01:30:00.000Z') }]);
    });

    it('takes the sign-off by source and order id too', async () => {
      const created = (await post(purchase(customerId))).json();
      const url = `${URL}/deliveries`;
      const body = { source: 'pos', orderId: created.orderId, deliveredAt: '2026-11-01T01:20:00Z' };
      const res = await h.request('POST', url, { as: 'system', body });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: created.id, deliveredAt: '2026-11-01T01:20:00.000Z' });
      expect(
        (await h.outbox(Subjects.crm.purchaseDelivered)).filter((e) => e.data.purchaseId === created.id),
      ).toHaveLength(1);
      const elsewhere = await h.request('POST', url, { as: 'system', body: { ...body, source: 'erp' } });
      expect(elsewhere.statusCode).toBe(404);
      const bad = await h.request('POST', url, { as: 'system', body: { ...body, source: 'fax' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('source');
    });

    it('answers 404 for an unknown purchase', async () => {
      const res = await h.request('PATCH', `${URL}/${randomUUID()}/delivery`, {
        as: 'system',
        body: { deliveredAt: NOW },
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('reading', () => {
    it('answers rpc.crm.get-purchase.v1 over NATS by id and by source and order id', async () => {
      const created = (await post(purchase(customerId, { deliveredAt: '2026-11-01T01:10:00Z' }))).json();
      const rpc = new RpcClient(h.get(NatsClient));
      const byId = await rpc.request(Subjects.crm.getPurchase, { purchaseId: created.id });
      expect(byId).toMatchObject({
        purchaseId: created.id,
        source: 'pos',
        orderId: created.orderId,
        deliveredAt: '2026-11-01T01:10:00.000Z',
        refundedAmountMinor: 0,
      });
      await expect(
        rpc.request(Subjects.crm.getPurchase, { source: 'pos', orderId: created.orderId }),
      ).resolves.toEqual(byId);
      await expect(rpc.request(Subjects.crm.getPurchase, { purchaseId: randomUUID() })).rejects.toMatchObject(
        {
          code: 'REMOTE',
          remoteCode: 'PURCHASE_NOT_FOUND',
        },
      );
      const neither = rpc.request(Subjects.crm.getPurchase, { source: 'pos' });
      await expect(neither).rejects.toBeInstanceOf(RpcError);
      await expect(neither).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    });

    it("lists a customer's purchases newest first, one page after the other", async () => {
      const someone = await addCustomer(h);
      const ids: string[] = [];
      for (const hour of ['01', '02', '03'])
        ids.push((await post(purchase(someone, { purchasedAt: `2026-10-30T${hour}:00:00Z` }))).json().id);
      const first = await h.request('GET', `/api/v1/customers/${someone}/purchases?limit=2`, { as: 'agent' });
      expect(first.statusCode).toBe(200);
      expect(first.json().items.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[1]]);
      const second = await h.request(
        'GET',
        `/api/v1/customers/${someone}/purchases?limit=2&cursor=${first.json().nextCursor as string}`,
        { as: 'lead' },
      );
      expect(second.json()).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
      expect((await h.request('GET', `${URL}/${ids[0]}`, { as: 'agent' })).json().id).toBe(ids[0]);
      expect((await h.request('GET', `${URL}/${randomUUID()}`, { as: 'agent' })).statusCode).toBe(404);
    });
  });

  describe('refunds from aftersales', () => {
    it('records a completed return once and reverses the points it earned', async () => {
      const created = (await post(purchase(customerId))).json();
      const earned = (await entries(created.id)).reduce((s, e) => s + e.pending, 0);
      const returnId = uuidv7();
      const refund = {
        returnId,
        customerId,
        orderId: created.orderId,
        storeId: 'SH-001',
        kind: 'return' as const,
        lines: [{ lineId: '2', sku: 'PH-X200-128-BLU', quantity: 1, refundAmountMinor: 329_900 }],
        refundAmountMinor: 329_900,
        currency: 'CNY',
        completedAt: '2026-11-01T01:50:00Z',
      };
      // Two messages (two envelope ids) about the same return: recorded and reversed once.
      const messages = [
        await h.publish(Subjects.aftersales.returnCompleted, refund),
        await h.publish(Subjects.aftersales.returnCompleted, refund),
      ];
      await h.handled(messages, 10_000);
      expect(
        await h.sql(`SELECT error FROM dead_letter WHERE message_id = ANY($1::text[])`, [messages]),
      ).toEqual([]);
      expect(
        await h.sql(`SELECT purchase_id, amount_minor FROM purchase_refund WHERE return_id = $1`, [returnId]),
      ).toEqual([{ purchase_id: created.id, amount_minor: '329900' }]);
      const view = (await h.request('GET', `${URL}/${created.id}`, { as: 'agent' })).json();
      expect(view.refundedAmountMinor).toBe(329_900);
      const after = await entries(created.id);
      const reversed = after.filter((e) => e.kind !== after[0].kind);
      expect(reversed.length).toBe(1);
      expect(reversed[0].pending).toBeLessThan(0);
      expect(-reversed[0].pending).toBe(Math.floor((earned * 329_900) / 459_800));
    });
    it('dead-letters a return for an order crm does not have, so it can be replayed once the purchase arrives', async () => {
      const returnId = uuidv7();
      const message = await h.publish(Subjects.aftersales.returnCompleted, {
        returnId,
        customerId,
        orderId: 'SO-UNKNOWN',
      });
      const [letter] = await waitFor(
        async () => {
          const rows = await h.sql<{ error: string }>(`SELECT error FROM dead_letter WHERE message_id = $1`, [
            message,
          ]);
          return rows.length > 0 && rows;
        },
        15_000,
        'the dead letter',
      );
      expect(letter.error).toContain('has no purchase with order SO-UNKNOWN');
      expect(await h.sql(`SELECT 1 FROM purchase_refund WHERE return_id = $1`, [returnId])).toEqual([]);
    });
  });

  it('answers 401 without a token and 403 for a role it does not name', async () => {
    const body = purchase(customerId);
    expect((await h.request('POST', URL, { body })).statusCode).toBe(401);
    for (const role of ['agent', 'lead', 'auditor'] as const) {
      expect((await h.request('POST', URL, { as: role, body })).statusCode).toBe(403);
      expect(
        (await h.request('POST', `${URL}/bulk`, { as: role, body: { purchases: [body] } })).statusCode,
      ).toBe(403);
    }
    expect(
      (
        await h.request('PATCH', `${URL}/${randomUUID()}/delivery`, {
          as: 'agent',
          body: { deliveredAt: NOW },
        })
      ).statusCode,
    ).toBe(403);
    expect((await h.request('GET', `${URL}/${randomUUID()}`, { as: 'technician' })).statusCode).toBe(403);
    expect((await h.request('GET', `/api/v1/customers/${customerId}/purchases`)).statusCode).toBe(401);
  });
});
