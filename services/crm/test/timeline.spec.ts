import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { eventEnvelope, ServiceHarness, startService, validPurchase, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { crmService } from '../src/service';
import { registerCustomer } from './support';

describe('crm customer 360 timeline', () => {
  let h: ServiceHarness;
  const clock = new ManualClock('2026-06-01T08:00:00Z');

  beforeAll(async () => {
    h = await startService(crmService, { clock });
  });
  afterAll(() => h?.stop());

  const addCustomer = () => registerCustomer(h);

  const entries = (customerId: string) =>
    h.sql<{ kind: string; reference_id: string; summary: Record<string, unknown> }>(
      `SELECT kind, reference_id, summary FROM timeline_entry WHERE customer_id = $1 ORDER BY occurred_at`,
      [customerId],
    );
  const settled = (customerId: string, count: number) =>
    waitFor(async () => (await entries(customerId)).length >= count, 15_000, `${count} timeline entries`);

  it("puts other services' facts and crm's own on one timeline, newest first, without personal data", async () => {
    const customerId = randomUUID();
    const complaintId = randomUUID();
    await h.publish(Subjects.complaints.complaintCreated, {
      customerId,
      complaintId,
      receivedAt: '2026-05-01T09:00:00Z',
    });
    await h.publish(Subjects.complaints.complaintResolved, {
      customerId,
      complaintId,
      resolutionSummary: 'Refunded Jane Doe on 13800001111',
      resolvedAt: '2026-05-02T09:00:00Z',
    });
    await h.publish(Subjects.aftersales.repairCompleted, {
      customerId,
      repairId: randomUUID(),
      completedAt: '2026-05-03T09:00:00Z',
    });
    await h.publish(Subjects.surveys.responseSubmitted, {
      customerId,
      responseId: randomUUID(),
      comment: 'Call Jane on 13800001111',
      submittedAt: '2026-05-04T09:00:00Z',
    });
    await h.publish(Subjects.crm.customerTierChanged, {
      customerId,
      fromTier: 'silver',
      toTier: 'gold',
      changedAt: '2026-05-05T09:00:01Z',
    });
    await settled(customerId, 5);

    const res = await h.request('GET', `/api/v1/customers/${customerId}/timeline`, { as: 'agent' });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items.map((e: { kind: string }) => e.kind)).toEqual([
      'tier-changed',
      'survey-answered',
      'repair-completed',
      'complaint-resolved',
      'complaint-created',
    ]);
    expect(page.items[4]).toMatchObject({ source: 'complaints', referenceId: complaintId });
    expect(page.items[0].summary).toEqual({ fromTier: 'silver', toTier: 'gold', reason: expect.any(String) });
    expect(JSON.stringify(await entries(customerId))).not.toMatch(/Jane|13800001111/);
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor and filters by kind; a lead may read it, a technician may not', async () => {
    const customerId = await addCustomer();
    for (let day = 1; day <= 5; day++) {
      const res = await h.request('POST', '/api/v1/purchases', {
        as: 'system',
        body: validPurchase(customerId, {
          orderId: `SO-${day}-${customerId.slice(0, 8)}`,
          purchasedAt: `2026-04-0${day}T10:00:00Z`,
        }),
      });
      expect(res.statusCode).toBe(201);
    }
    await h.publish(Subjects.aftersales.repairCompleted, {
      customerId,
      repairId: randomUUID(),
      completedAt: '2026-04-02T12:00:00Z',
    });
    await settled(customerId, 1); // the repair: purchases are read from their table

    const url = `/api/v1/customers/${customerId}/timeline`;
    const first = (await h.request('GET', `${url}?kind=purchase&limit=3`, { as: 'lead' })).json();
    expect(first.items).toHaveLength(3);
    expect(first.items[0].occurredAt).toBe('2026-04-05T10:00:00.000Z');
    const second = (
      await h.request('GET', `${url}?kind=purchase&limit=3&cursor=${first.nextCursor}`, { as: 'lead' })
    ).json();
    expect(second.items.map((e: { occurredAt: string }) => e.occurredAt)).toEqual([
      '2026-04-02T10:00:00.000Z',
      '2026-04-01T10:00:00.000Z',
    ]);
    expect(second.nextCursor).toBeNull();

    expect((await h.request('GET', url, { as: 'technician' })).statusCode).toBe(403);
    expect((await h.request('GET', url)).statusCode).toBe(401);
    const bad = await h.request('GET', `${url}?kind=birthday`, { as: 'agent' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('kind');
    expect(
      (await h.request('GET', `/api/v1/customers/not-a-uuid/timeline`, { as: 'agent' })).statusCode,
    ).toBe(400);
  });

  it('records a fact once when its producer sends it again, and skips anonymous complaints', async () => {
    const customerId = randomUUID();
    const complaintId = randomUUID();
    const sent = [
      await h.publish(Subjects.complaints.complaintCreated, { customerId, complaintId }),
      await h.publish(Subjects.complaints.complaintCreated, { customerId, complaintId }), // a new message id
      await h.publish(Subjects.surveys.responseSubmitted, {
        customerId,
        responseId: randomUUID(),
        submittedAt: '2026-05-09T00:00:00Z',
      }),
    ];
    // The same message delivered twice (the inbox), then sent again under a new id (ON CONFLICT).
    // One aggregate, one lane, in order: once `again` has been handled, the copy has been too.
    const repairId = randomUUID();
    const repair = eventEnvelope(Subjects.aftersales.repairCompleted, { customerId, repairId });
    const again = eventEnvelope(Subjects.aftersales.repairCompleted, { customerId, repairId });
    for (const copy of [repair, repair, again])
      await h.publishRaw(Subjects.aftersales.repairCompleted, JSON.stringify(copy));
    const anonymous = eventEnvelope(Subjects.complaints.complaintCreated, { complaintId: randomUUID() });
    delete anonymous.data.customerId;
    await h.publishRaw(Subjects.complaints.complaintCreated, JSON.stringify(anonymous));
    await h.handled([...sent, repair.id, again.id, anonymous.id]);

    expect((await entries(customerId)).map((r) => r.kind).sort()).toEqual([
      'complaint-created',
      'repair-completed',
      'survey-answered',
    ]);
    expect(
      await h.sql(`SELECT 1 FROM timeline_entry WHERE reference_id = $1`, [anonymous.data.complaintId]),
    ).toEqual([]);
  });
  it('shows a purchase recorded here (read from its table, not copied) and its return from aftersales', async () => {
    const customerId = await addCustomer();
    const orderId = `SO-${randomUUID().slice(0, 8)}`;
    const purchase = await h.request('POST', '/api/v1/purchases', {
      as: 'system',
      body: validPurchase(customerId, { orderId, purchasedAt: '2026-05-20T09:00:00+08:00' }),
    });
    expect(purchase.statusCode).toBe(201);
    const returnId = randomUUID();
    await h.publish(Subjects.aftersales.returnCompleted, {
      returnId,
      customerId,
      orderId,
      storeId: 'SH-001',
      currency: 'CNY',
      refundAmountMinor: 129_900,
      lines: [{ sku: 'JKT-DOWN-BLK-M', quantity: 1, refundAmountMinor: 129_900 }],
      completedAt: '2026-05-25T10:00:00Z',
    });
    await settled(customerId, 1); // the return; the purchase is read from its table

    const all = (await h.request('GET', `/api/v1/customers/${customerId}/timeline`, { as: 'agent' })).json();
    const facts = all.items.filter((e: { kind: string }) => e.kind !== 'points');
    expect(facts.map((e: { kind: string }) => e.kind)).toEqual(['return-completed', 'purchase']);
    expect(facts[0]).toMatchObject({
      source: 'aftersales',
      referenceId: returnId,
      summary: { refundAmountMinor: 129_900 },
    });
    expect(facts[1]).toMatchObject({
      source: 'crm',
      referenceId: purchase.json().id,
      occurredAt: '2026-05-20T01:00:00.000Z',
      summary: { orderId, paidAmountMinor: 129_900 },
    });
    // The points the purchase earned and the refund took back, from loyalty's ledger.
    type Points = { referenceId: string; source: string; summary: { movement: string; pending: number } };
    const points = (
      await h.request('GET', `/api/v1/customers/${customerId}/timeline?kind=points`, { as: 'agent' })
    ).json().items as Points[];
    expect(points.map((e) => e.summary.movement).sort()).toEqual(['earn', 'reverse']);
    const earned = points.find((e) => e.summary.movement === 'earn')!;
    expect(earned).toMatchObject({ source: 'crm', referenceId: orderId });
    expect(earned.summary.pending).toBeGreaterThan(0);
    const reversed = points.find((e) => e.summary.movement === 'reverse')!;
    expect(reversed).toMatchObject({ referenceId: returnId, summary: { pending: -earned.summary.pending } });
  });

  it("keeps both histories after a merge: the survivor's timeline shows the duplicate's entries too", async () => {
    const survivor = await addCustomer();
    const duplicate = await addCustomer();
    await h.publish(Subjects.complaints.complaintCreated, {
      customerId: duplicate,
      complaintId: randomUUID(),
      receivedAt: '2026-05-10T00:00:00Z',
    });
    await h.publish(Subjects.aftersales.repairCompleted, {
      customerId: survivor,
      repairId: randomUUID(),
      completedAt: '2026-05-11T00:00:00Z',
    });
    await settled(duplicate, 1);
    await settled(survivor, 1);
    const merged = await h.request('POST', `/api/v1/customers/${survivor}/merge`, {
      as: 'agent',
      body: { duplicateId: duplicate },
    });
    expect(merged.statusCode).toBe(200);

    const page = (await h.request('GET', `/api/v1/customers/${survivor}/timeline`, { as: 'agent' })).json();
    expect(page.items.map((e: { kind: string; customerId: string }) => [e.kind, e.customerId])).toEqual([
      ['repair-completed', survivor],
      ['complaint-created', duplicate],
    ]);
  });
  it('keeps the anonymous entries when the customer is erased', async () => {
    const customerId = await addCustomer();
    await h.publish(Subjects.complaints.complaintCreated, { customerId, complaintId: randomUUID() });
    await h.publish(Subjects.surveys.responseSubmitted, { customerId, responseId: randomUUID() });
    await settled(customerId, 2);
    const url = `/api/v1/customers/${customerId}/timeline`;
    const before = (await h.request('GET', url, { as: 'agent' })).json();

    const erased = await h.request('POST', `/api/v1/customers/${customerId}/erasure`, {
      as: 'agent',
      body: { reason: 'customer request' },
    });
    expect(erased.statusCode).toBe(200);
    // crm hears its own erased event (the segments act on it) before the timeline is read again.
    await waitFor(
      async () =>
        (await h.sql(`SELECT 1 FROM inbox WHERE subject = $1`, [Subjects.crm.customerErased])).length > 0,
      15_000,
      'the erased event consumed',
    );
    expect((await h.request('GET', url, { as: 'agent' })).json()).toEqual(before);
  });
});
