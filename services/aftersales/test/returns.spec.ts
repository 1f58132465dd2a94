import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { fakeJpeg, multipartBody, ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { aftersalesService } from '../src/service';
import { recordPurchase, testPurchase, TestPurchase } from './support';

// Signed off 1 Nov 2026 15:30 in Shanghai (the default store zone): the 7-day window ends 8 Nov 24:00 local.
const DELIVERED = '2026-11-01T07:30:00Z';
const NOW = '2026-11-05T02:00:00.000Z';
const URL = '/api/v1/returns';

describe('returns and exchanges (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let p: TestPurchase;

  const create = (over: Record<string, unknown> = {}, as: 'agent' | 'lead' = 'agent') =>
    h.request('POST', URL, {
      as,
      body: {
        kind: 'return',
        orderId: p.orderId,
        lineId: '1',
        reason: 'changed-mind',
        quality: false,
        ...over,
      },
    });
  const post = (
    id: string,
    action: string,
    body: unknown = {},
    as: 'agent' | 'lead' | 'technician' = 'agent',
  ) => h.request('POST', `${URL}/${id}/${action}`, { as, body });
  const upload = (id: string, kind: string, content: Buffer, contentType = 'image/jpeg') => {
    const form = multipartBody([
      { name: 'kind', value: kind },
      { name: 'file', value: { content, contentType, filename: 'x.jpg' } },
    ]);
    return h.request('POST', `${URL}/${id}/evidence`, {
      as: 'agent',
      body: form.body,
      headers: form.headers,
    });
  };
  const allChecks = { originalPackaging: true, tags: true, invoice: true, intact: true };

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock(NOW) });
    p = testPurchase({ deliveredAt: DELIVERED });
    await recordPurchase(h, p);
  });

  afterAll(async () => {
    await h?.stop();
  });

  afterEach(() => h.clock.set(new Date(NOW)));

  it('takes a return through every step, each with an owner and a time limit, and publishes the refund', async () => {
    const created = await create();
    expect(created.statusCode).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({
      status: 'requested',
      eligible: true,
      windowEndsAt: '2026-11-08T16:00:00.000Z',
      ownerId: 'u-agent',
      dueAt: '2026-11-06T02:00:00.000Z',
      unitPriceMinor: 129_900,
    });
    expect(r.eligibility).toContain('7-day window');
    expect((await post(r.id, 'approve')).json().status).toBe('approved');
    expect((await post(r.id, 'receive', allChecks)).json().status).toBe('goods-received');
    expect((await post(r.id, 'inspect', { finding: 'as new' }, 'technician')).json()).toMatchObject({
      status: 'inspected',
      ownerId: 'u-technician',
    });
    const refunded = await post(r.id, 'refund');
    expect(refunded.json()).toMatchObject({ status: 'refunded', refundAmountMinor: 129_900 });
    const events = await h.outbox(Subjects.aftersales.returnCompleted);
    expect(events.map((e) => e.data)).toContainEqual(
      expect.objectContaining({
        returnId: r.id,
        customerId: p.customerId,
        kind: 'return',
        refundAmountMinor: 129_900,
        currency: 'CNY',
        lines: [{ lineId: '1', sku: 'JK-DOWN-BLK-M', quantity: 1, refundAmountMinor: 129_900 }],
      }),
    );
    expect((await post(r.id, 'complete')).json()).toMatchObject({ status: 'completed', dueAt: null });
    const detail = (await h.request('GET', `${URL}/${r.id}`, { as: 'lead' })).json();
    expect(detail.steps.map((s: { status: string }) => s.status)).toEqual([
      'requested',
      'approved',
      'goods-received',
      'inspected',
      'refunded',
      'completed',
    ]);
    expect(detail.steps[3]).toMatchObject({ actorId: 'u-technician', note: 'as new' });
    const again = await post(r.id, 'refund');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RETURN_STEP_NOT_ALLOWED');
  });

  it('decides day 7 vs day 8 to the second; a lead may mark the case special (15 days)', async () => {
    h.clock.set(new Date('2026-11-08T15:59:59Z'));
    expect((await create()).json()).toMatchObject({ eligible: true });
    h.clock.set(new Date('2026-11-08T16:00:00Z'));
    const late = (await create()).json();
    expect(late).toMatchObject({ eligible: false });
    expect(late.eligibility).toContain('ended at 2026-11-08T16:00:00.000Z');
    const refused = await post(late.id, 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('RETURN_NOT_ELIGIBLE');
    const byAgent = await post(late.id, 'approve', { special: true });
    expect(byAgent.statusCode).toBe(400);
    expect(byAgent.json().errors[0].field).toBe('special');
    const special = await post(late.id, 'approve', { special: true }, 'lead');
    expect(special.json()).toMatchObject({
      status: 'approved',
      special: true,
      windowEndsAt: '2026-11-16T16:00:00.000Z',
    });
  });

  it('rejects at receipt when tags or packaging are missing, naming them', async () => {
    const r = (await create()).json();
    await post(r.id, 'approve');
    const res = await post(r.id, 'receive', { ...allChecks, tags: false });
    expect(res.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'checks failed at receipt: tags',
    });
  });

  it('needs photos, a description and proof of purchase for a quality return; evidence is served back to staff only', async () => {
    const missing = await create({ reason: 'quality-defect', quality: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('defectDescription');
    const r = (
      await create({ reason: 'quality-defect', quality: true, defectDescription: 'zip broke' })
    ).json();
    const refused = await post(r.id, 'approve');
    expect(refused.json()).toMatchObject({
      code: 'EVIDENCE_MISSING',
      details: { missing: ['photo', 'proof-of-purchase'] },
    });

    const photo = fakeJpeg(50_000);
    const up = await upload(r.id, 'photo', photo);
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({
      kind: 'photo',
      contentType: 'image/jpeg',
      size: 50_000,
      createdBy: 'u-agent',
    });
    expect(
      (await upload(r.id, 'proof-of-purchase', Buffer.from('%PDF-1.4 receipt'), 'application/pdf'))
        .statusCode,
    ).toBe(201);
    expect((await post(r.id, 'approve')).json().status).toBe('approved');

    const list = (await h.request('GET', `${URL}/${r.id}/evidence`, { as: 'technician' })).json();
    expect(list.map((e: { kind: string }) => e.kind)).toEqual(['photo', 'proof-of-purchase']);
    const file = await h.request('GET', `${URL}/${r.id}/evidence/${up.json().id}`, { as: 'technician' });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.rawPayload.equals(photo)).toBe(true);
    expect(
      await h.sql(`SELECT actor_id, action FROM audit_log WHERE subject_id = $1`, [up.json().id]),
    ).toEqual([{ actor_id: 'u-technician', action: 'read' }]);
    expect(
      (await h.request('GET', `${URL}/${r.id}/evidence/${up.json().id}`, { as: 'auditor' })).statusCode,
    ).toBe(403);
    expect((await h.request('GET', `${URL}/${r.id}/evidence/${up.json().id}`)).statusCode).toBe(401);
  });

  it('answers 413 problem+json for evidence over 10 MB and stores nothing; 400 for a bad kind', async () => {
    const r = (await create()).json();
    const count = async () =>
      (
        await h.sql<{ n: number }>(
          `SELECT (SELECT count(*) FROM stored_file) + (SELECT count(*) FROM return_evidence) AS n`,
        )
      )[0].n;
    const before = await count();
    const big = await upload(r.id, 'photo', fakeJpeg(10 * 1024 * 1024 + 1));
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(big.json()).toMatchObject({ code: 'FILE_TOO_LARGE', errors: [{ field: 'file' }] });
    const kind = await upload(r.id, 'selfie', fakeJpeg(100));
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0].field).toBe('kind');
    expect(await count()).toBe(before);
  });

  it('exchanges: the replacement is recorded and the warranty moves to it, keeping its end', async () => {
    const r = (
      await create({
        kind: 'exchange',
        lineId: '2',
        reason: 'quality-defect',
        quality: true,
        defectDescription: 'dead pixel',
      })
    ).json();
    await upload(r.id, 'photo', fakeJpeg(1000));
    await upload(r.id, 'proof-of-purchase', fakeJpeg(1000));
    await post(r.id, 'approve');
    await post(r.id, 'receive', { ...allChecks, intact: false });
    await post(r.id, 'inspect', { finding: 'panel fault' }, 'technician');
    expect((await post(r.id, 'refund')).json().code).toBe('RETURN_KIND_MISMATCH');
    const done = await post(r.id, 'exchange', {
      replacementSku: 'PH-X200-128-BLU',
      replacementSerialNumber: 'SN-NEW-1',
    });
    expect(done.json()).toMatchObject({
      status: 'exchanged',
      refundAmountMinor: 0,
      replacementSerialNumber: 'SN-NEW-1',
    });
    const moved = (await h.request('GET', `/api/v1/warranties?serialNumber=SN-NEW-1`, { as: 'agent' })).json()
      .items;
    expect(moved).toEqual([
      expect.objectContaining({
        id: done.json().warrantyId,
        coverage: 'in-force',
        endsAt: '2028-11-01T07:30:00.000Z',
      }),
    ]);
    const old = (await h.request('GET', `/api/v1/warranties/${moved[0].replacesId}`, { as: 'agent' })).json();
    expect(old).toMatchObject({ status: 'replaced', coverage: 'replaced', replacedById: moved[0].id });
    const event = (await h.outbox(Subjects.aftersales.returnCompleted)).find((e) => e.data.returnId === r.id);
    expect(event?.data).toMatchObject({ kind: 'exchange', refundAmountMinor: 0 });
  });

  it('exchanges two of three items of a line: their two warranties move, the third stays', async () => {
    const three = testPurchase({ deliveredAt: DELIVERED });
    three.lines = [{ ...three.lines[0], quantity: 3 }];
    await recordPurchase(h, three, 3);
    const r = (await create({ kind: 'exchange', orderId: three.orderId, quantity: 2 })).json();
    await post(r.id, 'approve');
    await post(r.id, 'receive', allChecks);
    await post(r.id, 'inspect', { finding: 'as new' }, 'technician');
    const done = await post(r.id, 'exchange', { replacementSku: 'JK-DOWN-BLK-L' });
    expect(done.json()).toMatchObject({ status: 'exchanged', quantity: 2 });
    expect(
      await h.sql(
        `SELECT unit, sku, status, replaces_id IS NOT NULL AS replacement FROM warranty
          WHERE order_id = $1 ORDER BY replacement, unit`,
        [three.orderId],
      ),
    ).toEqual([
      { unit: 1, sku: 'JK-DOWN-BLK-M', status: 'replaced', replacement: false },
      { unit: 2, sku: 'JK-DOWN-BLK-M', status: 'replaced', replacement: false },
      { unit: 3, sku: 'JK-DOWN-BLK-M', status: 'active', replacement: false },
      { unit: 1, sku: 'JK-DOWN-BLK-L', status: 'active', replacement: true },
      { unit: 2, sku: 'JK-DOWN-BLK-L', status: 'active', replacement: true },
    ]);
  });

  it('lists returns past their step time limit, to the millisecond', async () => {
    const r = (await create()).json();
    h.clock.set(new Date('2026-11-06T02:00:00.000Z'));
    const onTime = (await h.request('GET', `${URL}?overdue=true&limit=200`, { as: 'lead' })).json().items;
    expect(onTime.map((x: { id: string }) => x.id)).not.toContain(r.id);
    h.clock.set(new Date('2026-11-06T02:00:00.001Z'));
    const late = (await h.request('GET', `${URL}?overdue=true&limit=200`, { as: 'lead' })).json().items;
    expect(late).toContainEqual(expect.objectContaining({ id: r.id, overdue: true }));
  });

  it('answers 422 for an unknown line, 404, 401 and 403', async () => {
    const res = await create({ lineId: '99' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('ORDER_LINE_NOT_FOUND');
    expect((await create({ quantity: 2 })).json().code).toBe('QUANTITY_EXCEEDS_LINE');
    expect((await h.request('GET', `${URL}/${randomUUID()}`, { as: 'agent' })).json().code).toBe(
      'RETURN_NOT_FOUND',
    );
    expect((await h.request('POST', URL, { body: {} })).statusCode).toBe(401);
    expect((await h.request('POST', URL, { as: 'technician', body: {} })).statusCode).toBe(403);
  });
});
