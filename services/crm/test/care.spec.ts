// Care and segments against the real Postgres and NATS: the periodic recompute (RFM, VIP, at risk) and
// its membership events, the segments API, erasure, and two replicas recomputing at once.
import { Subjects } from '@cx/contracts';
import { DAY_MS, ManualClock } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { SegmentJob } from '../src/care/segment.job';
import { crmService } from '../src/service';
import { addLoyaltyPurchase, registerCustomer, setTier } from './support';

const CHANGED = Subjects.crm.segmentMembershipChanged;
const T0 = new Date('2026-06-01T02:00:00Z');

describe('crm care and segments', () => {
  let h: ServiceHarness;
  let job: SegmentJob;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    h = await startService(crmService, { clock });
    job = h.get(SegmentJob);
  });
  afterAll(() => h?.stop());

  const daysBefore = (days: number) => new Date(clock.now().getTime() - days * DAY_MS);
  /** Purchases as loyalty records them (the table care reads), `days` before now each. */
  const bought = async (customerId: string, amountMinor: number, ...days: number[]) => {
    for (const d of days) await addLoyaltyPurchase(h, customerId, daysBefore(d), { paidMinor: amountMinor });
  };
  const tier = (customerId: string, t: string) => setTier(h, customerId, t, clock.now());
  const segmentsOf = async (customerId: string) =>
    (
      await h.sql<{ segment: string }>(
        `SELECT segment FROM segment_member WHERE customer_id = $1 ORDER BY 1`,
        [customerId],
      )
    ).map((r) => r.segment);
  const eventsFor = async (customerId: string) =>
    (await h.outbox(CHANGED))
      .filter((e) => e.data.customerId === customerId)
      .map((e) => `${e.data.change} ${e.data.segment}`);
  const RFM = ['champions', 'hibernating', 'loyal', 'needs-attention', 'promising'];

  it('puts buyers in one RFM segment, VIP tiers in vip, the overdue in at-risk, and says who joined and left', async () => {
    const regular = randomUUID(); // every 10 days, last 40 days ago: at risk (40 > 2 x 10 and > 30)
    const vip = randomUUID();
    const once = randomUUID();
    await bought(regular, 50_00, 70, 60, 50, 40);
    await bought(vip, 900_00, 3, 20, 40, 80, 120);
    await tier(vip, 'diamond');
    await bought(once, 10_00, 400);

    const first = await job.recomputeOnce();
    expect(first.ran).toBe(true);
    expect(await segmentsOf(regular)).toContain('at-risk');
    expect((await segmentsOf(regular)).filter((s) => RFM.includes(s))).toHaveLength(1);
    expect(await segmentsOf(vip)).toEqual(expect.arrayContaining(['vip']));
    expect(await segmentsOf(vip)).not.toContain('at-risk');
    expect((await segmentsOf(once)).filter((s) => RFM.includes(s))).toHaveLength(1);
    expect(await eventsFor(vip)).toContain('joined vip');
    const [event] = (await h.outbox(CHANGED)).filter(
      (e) => e.data.customerId === regular && e.data.segment === 'at-risk',
    );
    expect(event.data).toEqual({
      segment: 'at-risk',
      customerId: regular,
      change: 'joined',
      at: T0.toISOString(),
    });

    // Nothing changed: nothing to tell.
    const before = (await h.outbox(CHANGED)).length;
    expect(await job.recomputeOnce()).toEqual({ ran: true, joined: 0, left: 0 });
    expect((await h.outbox(CHANGED)).length).toBe(before);

    // A new purchase brings the regular back; a downgrade takes the VIP out.
    await bought(regular, 50_00, 0);
    await tier(vip, 'silver');
    clock.set(new Date(T0.getTime() + 1000));
    await job.recomputeOnce();
    expect(await segmentsOf(regular)).not.toContain('at-risk');
    expect(await eventsFor(regular)).toContain('left at-risk');
    expect(await eventsFor(vip)).toContain('left vip');
    expect(await segmentsOf(vip)).not.toContain('vip');
  });

  it('leaves fully refunded purchases out of the segments', async () => {
    const refunded = randomUUID();
    await bought(refunded, 30_00, 5);
    await h.sql(`UPDATE loyalty_purchase SET refunded_minor = paid_amount_minor WHERE customer_id = $1`, [
      refunded,
    ]);
    await job.recomputeOnce();
    expect(await segmentsOf(refunded)).toEqual([]);
  });

  it('lists the segments with their sizes, and the members by id with a cursor', async () => {
    const vips = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of vips) await tier(id, 'gold');
    await job.recomputeOnce();

    const list = await h.request('GET', '/api/v1/segments', { as: 'agent' });
    expect(list.statusCode).toBe(200);
    const vipRow = list.json().items.find((s: { code: string }) => s.code === 'vip');
    const [{ n }] = await h.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM segment_member WHERE segment = 'vip'`,
    );
    expect(vipRow).toMatchObject({ basis: 'tier', members: n });
    expect(list.json().computedAt).toBe(clock.now().toISOString());

    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await h.request(
        'GET',
        `/api/v1/segments/vip/members?limit=2${cursor && `&cursor=${cursor}`}`,
        {
          as: 'system',
        },
      );
      expect(page.statusCode).toBe(200);
      expect(page.json().items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json().items.map((m: { customerId: string }) => m.customerId));
      cursor = page.json().nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(vips));
    expect(seen).toHaveLength(n);

    const unknown = await h.request('GET', '/api/v1/segments/whales/members', { as: 'lead' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('SEGMENT_NOT_FOUND');
    expect((await h.request('GET', '/api/v1/segments/vip/members', { as: 'agent' })).statusCode).toBe(403);
    expect((await h.request('GET', '/api/v1/segments')).statusCode).toBe(401);
    const bad = await h.request('GET', '/api/v1/segments/vip/members?cursor=x', { as: 'lead' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
  });

  it('takes an erased customer out of every segment for good', async () => {
    const erased = randomUUID();
    await bought(erased, 500_00, 1, 2, 3);
    await tier(erased, 'gold');
    await job.recomputeOnce();
    expect(await segmentsOf(erased)).toContain('vip');

    await h.publish(Subjects.crm.customerErased, { customerId: erased });
    await waitFor(async () => (await segmentsOf(erased)).length === 0, 15_000, 'the erased customer removed');
    expect(await eventsFor(erased)).toContain('left vip');
    await job.recomputeOnce();
    expect(await segmentsOf(erased)).toEqual([]);
  });

  it('takes a merged duplicate out of every segment; its survivor stays', async () => {
    const survivor = randomUUID();
    const duplicate = randomUUID();
    for (const id of [survivor, duplicate]) {
      await bought(id, 200_00, 2, 4);
      await tier(id, 'diamond');
    }
    await job.recomputeOnce();
    await h.publish(Subjects.crm.customerMerged, { survivorId: survivor, mergedId: duplicate });
    await waitFor(async () => (await segmentsOf(duplicate)).length === 0, 15_000, 'the duplicate removed');
    expect(await eventsFor(duplicate)).toContain('left vip');
    await job.recomputeOnce();
    expect(await segmentsOf(duplicate)).toEqual([]);
    expect(await segmentsOf(survivor)).toContain('vip');
  });

  it('announces each change once when two replicas recompute at the same moment', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await tier(id, 'diamond');
    const b = await h.replica();
    try {
      const jobB = b.app.get(SegmentJob);
      const runs = await Promise.all([job.recomputeOnce(), jobB.recomputeOnce(), job.recomputeOnce()]);
      expect(runs.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
    } finally {
      await b.stop();
    }
    const joins = await h.sql<{ customer_id: string; n: number }>(
      `SELECT payload::jsonb #>> '{data,customerId}' AS customer_id, count(*)::int AS n FROM outbox
        WHERE subject = $1 AND payload::jsonb #>> '{data,segment}' = 'vip'
          AND payload::jsonb #>> '{data,customerId}' = ANY($2) GROUP BY 1`,
      [CHANGED, ids],
    );
    expect(joins).toHaveLength(4);
    expect(joins.every((r) => r.n === 1)).toBe(true);
  });
  describe('birthdays', () => {
    /** A profile through the customers API, with or without marketing consent. */
    const customer = (birthday: string, marketing: boolean): Promise<string> =>
      registerCustomer(h, {
        birthday,
        consents: [{ purpose: 'marketing', channel: 'sms', granted: marketing, source: 'store-form' }],
      });

    it('lists consenting customers with a birthday in the next days, soonest first, and audits each read', async () => {
      clock.set('2026-12-30T17:00:00Z'); // 31 December, 01:00 in Shanghai; still 30 December in UTC
      const newYear = await customer('1990-01-01', true);
      const eve = await customer('1985-12-31', true);
      const noConsent = await customer('1991-12-31', false);
      const later = await customer('1992-01-05', true);

      const url = '/api/v1/care/birthdays?days=3&timeZone=Asia/Shanghai';
      const res = await h.request('GET', url, { as: 'agent', sub: 'u-care' });
      expect(res.statusCode).toBe(200);
      const mine = res
        .json()
        .items.filter((b: { customerId: string }) => [newYear, eve, noConsent, later].includes(b.customerId));
      expect(mine).toEqual([
        { customerId: eve, birthday: '12-31', inDays: 0 },
        { customerId: newYear, birthday: '01-01', inDays: 1 },
      ]);
      const audited = await h.sql<{ subject_id: string; fields: string[]; purpose: string }>(
        `SELECT subject_id, fields, purpose FROM audit_log WHERE actor_id = 'u-care' AND action = 'read'`,
      );
      expect(audited.map((a) => a.subject_id).sort()).toEqual(
        res
          .json()
          .items.map((b: { customerId: string }) => b.customerId)
          .sort(),
      );
      expect(audited[0]).toMatchObject({ fields: ['birthday'], purpose: 'birthday-care' });

      // In UTC it is still the 30th: the eve is tomorrow.
      const utc = (await h.request('GET', '/api/v1/care/birthdays?days=1', { as: 'system' })).json();
      expect(utc.items.map((b: { customerId: string }) => b.customerId)).not.toContain(eve);
    });

    it('pages with a cursor, refuses bad days and zones, and is not for leads', async () => {
      clock.set('2026-07-01T00:00:00Z');
      const ids = [
        await customer('1990-07-02', true),
        await customer('1990-07-02', true),
        await customer('1990-07-03', true),
      ];
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = (
          await h.request('GET', `/api/v1/care/birthdays?days=5&limit=1${cursor && `&cursor=${cursor}`}`, {
            as: 'agent',
          })
        ).json();
        seen.push(...page.items.map((b: { customerId: string }) => b.customerId));
        cursor = page.nextCursor ?? '';
      } while (cursor);
      expect(seen.filter((id) => ids.includes(id))).toEqual([...ids.slice(0, 2).sort(), ids[2]]);

      const bad = await h.request('GET', '/api/v1/care/birthdays?days=61&timeZone=Mars/Base', {
        as: 'agent',
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['days', 'timeZone']);
      expect((await h.request('GET', '/api/v1/care/birthdays', { as: 'lead' })).statusCode).toBe(403);
    });
  });
  it('recomputes with the rules the lead sets: only diamond is VIP from then on', async () => {
    const url = '/api/v1/admin/policies/care';
    const before = (await h.request('GET', url, { as: 'lead' })).json();
    expect(before).toMatchObject({
      vipTiers: ['gold', 'diamond'],
      atRiskFactor: 2,
      atRiskMinDays: 30,
      rfmWindowDays: 730,
    });

    const gold = randomUUID();
    await tier(gold, 'gold');
    await job.recomputeOnce();
    expect(await segmentsOf(gold)).toContain('vip');

    const body = { vipTiers: ['diamond'], atRiskFactor: 3, atRiskMinDays: 45, rfmWindowDays: 365 };
    const put = await h.request('PUT', url, { as: 'lead', sub: 'u-crm-lead', body });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      ...body,
      updatedBy: 'u-crm-lead',
      updatedAt: clock.now().toISOString(),
    });
    await job.recomputeOnce();
    expect(await segmentsOf(gold)).not.toContain('vip');
    expect(await eventsFor(gold)).toContain('left vip');

    const bad = await h.request('PUT', url, {
      as: 'lead',
      body: { ...body, vipTiers: ['platinum'], atRiskFactor: 0.5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['atRiskFactor', 'vipTiers']);
    expect((await h.request('PUT', url, { as: 'agent', body })).statusCode).toBe(403);
  });
});
