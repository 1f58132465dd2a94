import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { aftersalesService } from '../src/service';
import {
  expectIdempotentCreate,
  recordPurchase,
  setUpRepairPrices,
  testPurchase,
  TestPurchase,
} from './support';

const NOW = '2026-11-05T02:00:00.000Z';
const URL = '/api/v1/repairs';
const PHONE = '+86 139 0021 7788';

describe('repair orders (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let p: TestPurchase;
  let hour = 0;
  /** A fresh slot on the hour, after NOW. */
  const nextSlot = () => new Date(Date.parse('2026-11-06T01:00:00Z') + 3_600_000 * hour++).toISOString();

  const createRepair = async (over: Record<string, unknown> = {}) => {
    const res = await h.request('POST', URL, {
      as: 'agent',
      body: {
        channel: 'hotline',
        contactName: 'Li Wei',
        contactPhone: PHONE,
        storeId: 'SH-001',
        sku: 'PH-X200-128-BLU',
        serialNumber: p.lines[1].serialNumber,
        problem: 'Does not charge',
        ...over,
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; warrantyId: string | null; customerId: string | null }>();
  };
  const post = (id: string, step: string, body: unknown, as: 'agent' | 'technician' | 'lead' = 'agent') =>
    h.request('POST', `${URL}/${id}/${step}`, { as, body });
  const book = (id: string, startsAt = nextSlot(), technicianId = 'T-017') =>
    post(id, 'appointment', { technicianId, startsAt });

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock(NOW) });
    p = testPurchase({ deliveredAt: '2026-11-01T07:30:00Z' });
    await recordPurchase(h, p);
    await setUpRepairPrices(h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('goes through the 8 steps free of charge for a quality fault under warranty, and publishes the completion', async () => {
    const r = await createRepair();
    expect(r).toMatchObject({ customerId: p.customerId });
    expect(r.warrantyId).not.toBeNull();
    const slot = nextSlot();
    expect((await book(r.id, slot)).json()).toMatchObject({
      status: 'scheduled',
      technicianId: 'T-017',
      appointmentAt: slot,
    });
    const inspected = await post(
      r.id,
      'inspection',
      {
        findings: 'Battery swollen',
        qualityFault: true,
        serviceCode: 'battery-replacement',
        parts: [{ code: 'battery-x200', quantity: 1 }],
      },
      'technician',
    );
    expect(inspected.json()).toMatchObject({
      status: 'inspected',
      underWarranty: true,
      costMinor: 0,
      costExplanation: 'quality fault under warranty: repaired free of charge (labour and parts)',
      parts: [{ code: 'battery-x200', name: 'Battery X200', quantity: 1, unitPriceMinor: 12_000 }],
    });
    expect((await post(r.id, 'repair', {}, 'technician')).json().status).toBe('repaired');
    expect((await post(r.id, 'confirmation', { satisfied: true })).json().status).toBe('confirmed');
    const done = await post(
      r.id,
      'complete',
      { serviceRecord: 'Battery replaced, 2 cycles tested' },
      'technician',
    );
    expect(done.json()).toMatchObject({ status: 'completed', completedAt: NOW });
    const events = (await h.outbox(Subjects.aftersales.repairCompleted)).map((e) => e.data);
    expect(events).toContainEqual({
      repairId: r.id,
      customerId: p.customerId,
      storeId: 'SH-001',
      technicianId: 'T-017',
      sku: 'PH-X200-128-BLU',
      serialNumber: p.lines[1].serialNumber,
      underWarranty: true,
      costMinor: 0,
      currency: 'CNY',
      completedAt: NOW,
    });
  });

  it('files one repair for a create retried with the same Idempotency-Key', async () => {
    const body = { channel: 'hotline', storeId: 'SH-001', sku: 'PH-X200-128-BLU', problem: 'No sound' };
    await expectIdempotentCreate(h, URL, 'repair_order', body, { ...body, problem: 'No picture' });
  });

  it('charges the price list outside a quality fault, explains it and needs consent before the repair', async () => {
    const r = await createRepair();
    await book(r.id);
    const inspected = await post(
      r.id,
      'inspection',
      {
        findings: 'Dropped; screen cracked',
        qualityFault: false,
        serviceCode: 'battery-replacement',
        parts: [{ code: 'battery-x200', quantity: 2 }],
      },
      'technician',
    );
    expect(inspected.json()).toMatchObject({ costMinor: 30_000, underWarranty: true });
    expect(inspected.json().costExplanation).toBe(
      'not a quality fault: Battery replacement 6000 + parts 2 x Battery X200 at 12000 = 30000',
    );
    const refused = await post(r.id, 'repair', {}, 'technician');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CONSENT_REQUIRED');
    expect((await post(r.id, 'consent', { record: 'phone call, agreed to 300.00' })).json().consentAt).toBe(
      NOW,
    );
    expect((await post(r.id, 'repair', {}, 'technician')).json().status).toBe('repaired');
  });

  it('inspects first, then repairs', async () => {
    const r = await createRepair();
    await book(r.id);
    const res = await post(r.id, 'repair', {}, 'technician');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('REPAIR_STEP_NOT_ALLOWED');
  });

  it('lets one of two bookings racing for one slot win; the other gets 409 SLOT_TAKEN', async () => {
    const [a, b] = [await createRepair(), await createRepair()];
    const slot = nextSlot();
    const answers = await Promise.all([book(a.id, slot, 'T-042'), book(b.id, slot, 'T-042')]);
    expect(answers.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((x) => x.statusCode === 409)?.json().code).toBe('SLOT_TAKEN');
    expect(
      await h.sql(
        `SELECT count(*)::int AS n FROM appointment WHERE technician_id = 'T-042' AND starts_at = $1 AND status = 'booked'`,
        [slot],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('reschedules: the old slot is freed for another repair', async () => {
    const [a, b] = [await createRepair(), await createRepair()];
    const first = nextSlot();
    await book(a.id, first, 'T-050');
    expect((await book(b.id, first, 'T-050')).statusCode).toBe(409);
    expect((await book(a.id, nextSlot(), 'T-050')).statusCode).toBe(200);
    expect((await book(b.id, first, 'T-050')).statusCode).toBe(200);
  });

  it('keeps contact details encrypted at rest and audits their reads', async () => {
    const r = await createRepair();
    const [row] = await h.sql<{ contact_phone: string }>(
      `SELECT contact_phone FROM repair_order WHERE id = $1`,
      [r.id],
    );
    expect(row.contact_phone).toMatch(/^v1\./);
    // The whole number, not a fragment: base64 ciphertext holds any three digits now and then.
    expect(row.contact_phone).not.toContain('139 0021 7788');
    expect(row.contact_phone).not.toContain('13900217788');
    const detail = await h.request('GET', `${URL}/${r.id}`, { as: 'technician' });
    expect(detail.json()).toMatchObject({
      contactName: 'Li Wei',
      contactPhone: PHONE,
      steps: [{ status: 'requested' }],
    });
    expect(await h.sql(`SELECT actor_id, fields FROM audit_log WHERE subject_id = $1`, [r.id])).toEqual([
      { actor_id: 'u-technician', fields: ['contactName', 'contactPhone'] },
    ]);
  });

  it('answers 400 naming the field, 422 for an unknown part, 404, 401 and 403', async () => {
    const r = await createRepair();
    const offHour = await post(r.id, 'appointment', {
      technicianId: 'T-1',
      startsAt: '2026-11-06T10:30:00+08:00',
    });
    expect(offHour.statusCode).toBe(400);
    expect(offHour.json().errors[0].field).toBe('startsAt');
    await book(r.id);
    const part = await post(
      r.id,
      'inspection',
      {
        findings: 'x',
        qualityFault: true,
        serviceCode: 'battery-replacement',
        parts: [{ code: 'no-such-part', quantity: 1 }],
      },
      'technician',
    );
    expect(part.statusCode).toBe(422);
    expect(part.json()).toMatchObject({ code: 'UNKNOWN_PART', details: { field: 'parts.0.code' } });
    expect((await h.request('GET', `${URL}/${randomUUID()}`, { as: 'agent' })).statusCode).toBe(404);
    expect((await h.request('POST', URL, { body: {} })).statusCode).toBe(401);
    expect((await h.request('POST', `${URL}/${r.id}/inspection`, { as: 'agent', body: {} })).statusCode).toBe(
      403,
    );
  });

  it('gives each step its time limit and lists repairs past it, to the millisecond', async () => {
    const overdueIds = async (at: string) => {
      h.clock.set(new Date(at));
      const res = await h.request('GET', `${URL}?overdue=true&limit=200`, { as: 'lead' });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: { id: string; overdue: boolean }[] }>().items;
    };
    try {
      const r = await createRepair();
      const created = (await h.request('GET', `${URL}/${r.id}`, { as: 'lead' })).json();
      expect(created).toMatchObject({ dueAt: '2026-11-06T02:00:00.000Z', overdue: false });
      expect(created.steps).toEqual([expect.objectContaining({ dueAt: '2026-11-06T02:00:00.000Z' })]);
      expect((await overdueIds('2026-11-06T02:00:00.000Z')).map((x) => x.id)).not.toContain(r.id);
      expect(await overdueIds('2026-11-06T02:00:00.001Z')).toContainEqual(
        expect.objectContaining({ id: r.id, status: 'requested', overdue: true }),
      );
      // Booked late: the inspection is due 24 h after the slot's end, so it leaves the list.
      const booked = await book(r.id, '2026-11-10T08:00:00.000Z', 'T-090');
      expect(booked.json()).toMatchObject({ dueAt: '2026-11-11T09:00:00.000Z', overdue: false });
      expect((await overdueIds('2026-11-11T09:00:00.000Z')).map((x) => x.id)).not.toContain(r.id);
      expect((await overdueIds('2026-11-11T09:00:00.001Z')).map((x) => x.id)).toContain(r.id);
      const filtered = await h.request('GET', `${URL}?overdue=true&technicianId=T-090`, { as: 'agent' });
      expect(filtered.json().items).toEqual([expect.objectContaining({ id: r.id, overdue: true })]);
      expect((await h.request('GET', `${URL}?overdue=maybe`, { as: 'lead' })).json().errors[0].field).toBe(
        'overdue',
      );
    } finally {
      h.clock.set(new Date(NOW));
    }
  });
});
