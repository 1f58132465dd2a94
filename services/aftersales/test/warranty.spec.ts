import { CheckWarrantyReplyV1, Subjects } from '@cx/contracts';
import { ManualClock, NatsClient, RpcClient } from '@cx/platform';
import { eventEnvelope, ServiceHarness, startService, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { PolicyCache } from '../src/policy/policy.cache';
import { aftersalesService } from '../src/service';
import { recordPurchase, testPurchase } from './support';

const NOW = '2026-11-05T02:00:00.000Z';
const URL = '/api/v1/warranties';
/** The list is in registration order (time-ordered ids); lines of one order are registered at once. */
const byLine = <T extends { lineId: string }>(items: T[]) =>
  [...items].sort((a, b) => a.lineId.localeCompare(b.lineId));

describe('warranty registry (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let rpc: RpcClient;

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock(NOW) });
    rpc = new RpcClient(h.get(NatsClient));
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('registers one warranty per line with a term (12 months general, 24 electronics, none for socks)', async () => {
    const p = testPurchase();
    await recordPurchase(h, p);
    const res = await h.request('GET', `${URL}?orderId=${p.orderId}`, { as: 'agent' });
    expect(res.statusCode).toBe(200);
    const items = byLine(res.json().items);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      lineId: '1',
      termMonths: 12,
      startsAt: '2026-11-01T02:00:00.000Z',
      endsAt: '2027-11-01T02:00:00.000Z',
      coverage: 'in-force',
      deliveredAt: null,
      customerId: p.customerId,
    });
    expect(items[1]).toMatchObject({ lineId: '2', termMonths: 24, endsAt: '2028-11-01T02:00:00.000Z' });
  });

  it('registers a purchase delivered twice only once', async () => {
    const p = testPurchase();
    await recordPurchase(h, p);
    await recordPurchase(h, p); // a second event (another id) with the same order: handled when this returns
    expect(
      await h.sql(`SELECT line_id FROM warranty WHERE order_id = $1 ORDER BY line_id`, [p.orderId]),
    ).toEqual([{ line_id: '1' }, { line_id: '2' }]);
  });

  it('registers one warranty per purchased item, once, whether the event comes again or another event names the order', async () => {
    const p = testPurchase();
    p.lines = [
      { ...p.lines[0], quantity: 3 }, // three jackets, no serial numbers
      p.lines[1], // one phone with its serial
      { ...p.lines[2], quantity: 2 }, // socks: no warranty statement, none
    ];
    const env = eventEnvelope(Subjects.crm.purchaseRecorded, {
      ...p,
      deliveredAt: undefined,
      paidAmountMinor: 719_600,
      currency: 'CNY',
    });
    await h.publishRaw(Subjects.crm.purchaseRecorded, JSON.stringify(env));
    const items = `SELECT line_id, unit, serial_number, quantity FROM warranty WHERE order_id = $1 ORDER BY line_id, unit`;
    await waitFor(async () => (await h.sql(items, [p.orderId])).length === 4, 10_000, 'four warranties');
    // The same event again (a redelivery: same envelope id), then another event of the same order. One
    // order, one lane, in order: once the other event has been handled, the redelivery has been too.
    await h.publishRaw(Subjects.crm.purchaseRecorded, JSON.stringify(env));
    await recordPurchase(h, p, 4);
    expect(await h.sql(items, [p.orderId])).toEqual([
      { line_id: '1', unit: 1, serial_number: null, quantity: 3 },
      { line_id: '1', unit: 2, serial_number: null, quantity: 3 },
      { line_id: '1', unit: 3, serial_number: null, quantity: 3 },
      { line_id: '2', unit: 1, serial_number: p.lines[1].serialNumber, quantity: 1 },
    ]);
    const listed = (await h.request('GET', `${URL}?orderId=${p.orderId}`, { as: 'agent' })).json();
    expect(listed.items.map((w: { unit: number }) => w.unit).sort()).toEqual([1, 1, 2, 3]);
  });

  it('starts the warranty at the later delivery sign-off, and registers from a sign-off that came first', async () => {
    const p = testPurchase();
    await recordPurchase(h, p);
    await h.publish(Subjects.crm.purchaseDelivered, {
      ...p,
      purchaseId: randomUUID(),
      deliveredAt: '2026-11-03T08:30:00Z',
    });
    await waitFor(async () => {
      const rows = await h.sql(`SELECT id FROM warranty WHERE order_id = $1 AND delivered_at IS NOT NULL`, [
        p.orderId,
      ]);
      return rows.length === 2;
    });
    const items = byLine(
      (await h.request('GET', `${URL}?orderId=${p.orderId}`, { as: 'agent' })).json().items,
    );
    expect(items[0]).toMatchObject({
      startsAt: '2026-11-03T08:30:00.000Z',
      endsAt: '2027-11-03T08:30:00.000Z',
    });

    const early = testPurchase();
    await h.publish(Subjects.crm.purchaseDelivered, {
      ...early,
      purchaseId: randomUUID(),
      deliveredAt: '2026-11-02T00:00:00Z',
    });
    await waitFor(
      async () => (await h.sql(`SELECT id FROM warranty WHERE order_id = $1`, [early.orderId])).length === 2,
    );
    await recordPurchase(h, early);
    expect(await h.sql(`SELECT starts_at FROM warranty WHERE order_id = $1`, [early.orderId])).toEqual([
      { starts_at: new Date('2026-11-02T00:00:00Z') },
      { starts_at: new Date('2026-11-02T00:00:00Z') },
    ]);
  });

  it("applies a lead's policy change to new purchases only, counting months in the store's zone", async () => {
    const before = testPurchase();
    await recordPurchase(h, before);
    const put = await h.request('PUT', '/api/v1/admin/policies/terms/general', {
      as: 'lead',
      body: { months: 18 },
    });
    expect(put.statusCode).toBe(200);
    const cat = await h.request('PUT', '/api/v1/admin/policies/categories/phones', {
      as: 'lead',
      body: { warrantyMonths: 36, specialReturns: true },
    });
    expect(cat.statusCode).toBe(200);
    const after = testPurchase();
    await recordPurchase(h, after);
    const months = async (orderId: string) =>
      (
        await h.sql<{ term_months: number }>(
          `SELECT term_months FROM warranty WHERE order_id = $1 ORDER BY line_id`,
          [orderId],
        )
      ).map((r) => r.term_months);
    expect(await months(before.orderId)).toEqual([12, 24]);
    expect(await months(after.orderId)).toEqual([18, 36]);
    const policy = (await h.request('GET', '/api/v1/admin/policies/warranty', { as: 'lead' })).json();
    expect(policy.classes).toContainEqual(
      expect.objectContaining({ warrantyClass: 'general', months: 18, updatedBy: 'u-lead' }),
    );
    expect(policy.categories).toEqual([
      expect.objectContaining({ category: 'phones', warrantyMonths: 36, specialReturns: true }),
    ]);
    // put the defaults back for the other tests
    await h.request('PUT', '/api/v1/admin/policies/terms/general', {
      as: 'lead',
      body: { months: 12 },
    });
    await h.request('PUT', '/api/v1/admin/policies/categories/phones', {
      as: 'lead',
      body: { warrantyMonths: null, specialReturns: false },
    });
  });

  it('sees a policy change made elsewhere (another replica, psql) in the next purchase: the cache is emptied by NOTIFY', async () => {
    const cache = h.get(PolicyCache);
    await recordPurchase(h, testPurchase()); // the policy is read and kept
    const seen = cache.generation;
    await h.sql(`UPDATE warranty_term SET months = 30 WHERE warranty_class = 'general'`);
    await waitFor(() => cache.generation > seen, 5_000, 'the notification');
    const after = testPurchase();
    await recordPurchase(h, after);
    expect(
      await h.sql(`SELECT term_months FROM warranty WHERE order_id = $1 ORDER BY line_id`, [after.orderId]),
    ).toEqual([{ term_months: 30 }, { term_months: 24 }]);
    await h.sql(`UPDATE warranty_term SET months = 12 WHERE warranty_class = 'general'`);
    await waitFor(() => cache.generation > seen + 1, 5_000, 'the second notification');
  });

  it('looks warranties up by serial number and customer, and shows the card', async () => {
    const p = testPurchase();
    await recordPurchase(h, p);
    const serial = p.lines[1].serialNumber as string;
    const bySerial = await h.request('GET', `${URL}?serialNumber=${serial}`, { as: 'technician' });
    expect(bySerial.json().items.map((w: { sku: string }) => w.sku)).toEqual(['PH-X200-128-BLU']);
    const byCustomer = await h.request('GET', `${URL}?customerId=${p.customerId}&limit=1`, { as: 'agent' });
    expect(byCustomer.json().items).toHaveLength(1);
    const next = await h.request(
      'GET',
      `${URL}?customerId=${p.customerId}&cursor=${byCustomer.json().nextCursor}`,
      {
        as: 'agent',
      },
    );
    expect(next.json().nextCursor).toBeNull();
    const lines = [...byCustomer.json().items, ...next.json().items].map((w: { lineId: string }) => w.lineId);
    expect(lines.sort()).toEqual(['1', '2']);
    const card = await h.request('GET', `${URL}/${bySerial.json().items[0].id}`, { as: 'agent' });
    expect(card.statusCode).toBe(200);
    expect(card.json()).toMatchObject({
      serialNumber: serial,
      coverage: 'in-force',
      daysLeft: 727,
      termMonths: 24,
    });
  });

  it('answers rpc.aftersales.check-warranty.v1 to the second of the end', async () => {
    const p = testPurchase();
    await recordPurchase(h, p);
    const serial = p.lines[1].serialNumber as string;
    const covered = await rpc.request<CheckWarrantyReplyV1>(Subjects.aftersales.checkWarranty, {
      sku: 'PH-X200-128-BLU',
      serialNumber: serial,
    });
    expect(covered).toMatchObject({ covered: true, endsAt: '2028-11-01T02:00:00.000Z' });
    const byOrder = await rpc.request<CheckWarrantyReplyV1>(Subjects.aftersales.checkWarranty, {
      sku: 'JK-DOWN-BLK-M',
      orderId: p.orderId,
    });
    expect(byOrder).toMatchObject({ covered: true, endsAt: '2027-11-01T02:00:00.000Z' });
    h.clock.set(new Date('2027-11-01T01:59:59Z'));
    expect(
      (
        await rpc.request<CheckWarrantyReplyV1>(Subjects.aftersales.checkWarranty, {
          sku: 'JK-DOWN-BLK-M',
          orderId: p.orderId,
        })
      ).covered,
    ).toBe(true);
    h.clock.set(new Date('2027-11-01T02:00:00Z'));
    expect(
      (
        await rpc.request<CheckWarrantyReplyV1>(Subjects.aftersales.checkWarranty, {
          sku: 'JK-DOWN-BLK-M',
          orderId: p.orderId,
        })
      ).covered,
    ).toBe(false);
    expect(
      await rpc.request<CheckWarrantyReplyV1>(Subjects.aftersales.checkWarranty, { sku: 'NOPE' }),
    ).toEqual({ covered: false });
    h.clock.set(new Date(NOW));
  });

  it('answers 400 naming the field without a filter or with a bad policy, 404, 401 and 403', async () => {
    const none = await h.request('GET', URL, { as: 'agent' });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('serialNumber');
    const bad = await h.request('PUT', '/api/v1/admin/policies/terms/general', {
      as: 'lead',
      body: { months: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('months');
    const zone = await h.request('PUT', '/api/v1/admin/policies/stores/SH-001', {
      as: 'lead',
      body: { timeZone: 'Mars/Olympus' },
    });
    expect(zone.json().errors[0].field).toBe('timeZone');
    expect((await h.request('GET', `${URL}/${randomUUID()}`, { as: 'agent' })).json().code).toBe(
      'WARRANTY_NOT_FOUND',
    );
    expect((await h.request('GET', `${URL}?orderId=x`)).statusCode).toBe(401);
    expect((await h.request('GET', `${URL}?orderId=x`, { as: 'auditor' })).statusCode).toBe(403);
    expect((await h.request('GET', '/api/v1/admin/policies/warranty', { as: 'agent' })).statusCode).toBe(403);
  });
});
