// The CRM lead's analytics against the real Postgres and NATS: tiers and their movement (from crm's
// tier-changed events), repurchase against the same period a year earlier, points, segments, CSV.
import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { crmService } from '../src/service';
import { addLoyaltyPurchase, registerCustomer, setTier } from './support';

describe('crm analytics for the lead', () => {
  let h: ServiceHarness;
  const clock = new ManualClock('2026-11-20T04:00:00Z');
  const customers: string[] = [];

  beforeAll(async () => {
    h = await startService(crmService, { clock });
    for (let i = 0; i < 4; i++) customers.push(await registerCustomer(h));
  });
  afterAll(() => h?.stop());

  const get = (url: string) => h.request('GET', `/api/v1/admin/analytics/${url}`, { as: 'lead' });
  const bought = (customerId: string, at: string, refunded = false) =>
    addLoyaltyPurchase(h, customerId, at, { paidMinor: 5000, refundedMinor: refunded ? 5000 : 0 });
  const tier = (customerId: string, t: string) => setTier(h, customerId, t, clock.now());

  it('counts members per tier now and the upgrades, downgrades and first tiers of each month', async () => {
    const [a, b] = customers;
    await tier(a, 'gold');
    await tier(b, 'silver');
    const other = randomUUID();
    await h.publish(Subjects.crm.customerTierChanged, {
      customerId: a,
      fromTier: null,
      toTier: 'silver',
      reason: 'purchase',
      changedAt: '2026-10-15T02:00:00Z',
    });
    await h.publish(Subjects.crm.customerTierChanged, {
      customerId: a,
      fromTier: 'silver',
      toTier: 'gold',
      reason: 'purchase',
      changedAt: '2026-11-02T02:00:00Z',
    });
    // 1 November, 01:00 in Shanghai: November there, still October in UTC.
    await h.publish(Subjects.crm.customerTierChanged, {
      customerId: other,
      fromTier: 'gold',
      toTier: 'silver',
      reason: 'periodic-review',
      changedAt: '2026-10-31T17:00:00Z',
    });
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM timeline_entry WHERE kind = 'tier-changed'`)).length === 3,
      15_000,
      'three tier changes on the timelines',
    );

    const res = await get('tiers?from=2026-10-01&to=2026-12-01&timeZone=Asia/Shanghai');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.members).toEqual([
      { tier: 'standard', members: 2 },
      { tier: 'silver', members: 1 },
      { tier: 'gold', members: 1 },
      { tier: 'diamond', members: 0 },
    ]);
    expect(view.movement).toHaveLength(2);
    expect(view.movement[0]).toMatchObject({
      from: '2026-09-30T16:00:00.000Z',
      upgrades: 0,
      downgrades: 0,
      firstAssignments: 1,
    });
    expect(view.movement[1]).toMatchObject({ upgrades: 1, downgrades: 1, firstAssignments: 0 });

    const utc = (await get('tiers?from=2026-10-01&to=2026-12-01')).json();
    expect(utc.movement[0]).toMatchObject({ downgrades: 1, firstAssignments: 1 });

    const csv = await get('tiers.csv?from=2026-10-01&to=2026-12-01&timeZone=Asia/Shanghai');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="crm-tier-movement-2026-10-01-2026-12-01.csv"',
    );
    expect(csv.body.split('\r\n')).toEqual([
      'period_from,period_to,from_tier,to_tier,changes',
      '2026-09-30T16:00:00.000Z,2026-10-31T16:00:00.000Z,,silver,1',
      '2026-10-31T16:00:00.000Z,2026-11-30T16:00:00.000Z,gold,silver,1',
      '2026-10-31T16:00:00.000Z,2026-11-30T16:00:00.000Z,silver,gold,1',
      '',
    ]);
    expect(csv.body).not.toContain(a);
  });

  it('compares the repurchase rate with the same period a year earlier against the +15 % target', async () => {
    const [a, b, c, d] = customers;
    // November 2026: a twice, b and c once (a refunded purchase does not count): 1 of 3.
    await bought(a, '2026-11-02T03:00:00Z');
    await bought(a, '2026-11-09T03:00:00Z');
    await bought(b, '2026-11-03T03:00:00Z');
    await bought(b, '2026-11-04T03:00:00Z', true);
    await bought(c, '2026-11-05T03:00:00Z');
    // November 2025: a, b, c once, d twice: 1 of 4.
    for (const id of [a, b, c, d]) await bought(id, '2025-11-10T03:00:00Z');
    await bought(d, '2025-11-11T03:00:00Z');

    const res = await get('repurchase?from=2026-11-01&to=2026-12-01');
    expect(res.statusCode).toBe(200);
    const { total, periods } = res.json();
    expect(total).toMatchObject({ buyers: 3, repeaters: 1, target: 0.15, met: true });
    expect(total.rate).toBeCloseTo(1 / 3, 10);
    expect(total.lastYear).toMatchObject({
      from: '2025-11-01T00:00:00.000Z',
      to: '2025-12-01T00:00:00.000Z',
      buyers: 4,
      repeaters: 1,
      rate: 0.25,
    });
    expect(total.change).toBeCloseTo(1 / 3, 10);
    expect(periods).toHaveLength(1);

    // October has no buyers: no rate, no verdict.
    const october = (await get('repurchase?from=2026-10-01&to=2026-11-01')).json();
    expect(october.total).toMatchObject({ buyers: 0, rate: null, change: null, met: null });

    const csv = (await get('repurchase.csv?from=2026-11-01&to=2026-12-01')).body.split('\r\n');
    expect(csv[0]).toBe(
      'period_from,period_to,buyers,repeaters,rate,last_year_buyers,last_year_repeaters,last_year_rate,change,target,met',
    );
    expect(csv[1]).toMatch(
      /^2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,3,1,0.333\d+,4,1,0.25,0.333\d+,0.15,true$/,
    );
  });

  it('sums points issued, redeemed, expired and reversed per month, and what is outstanding', async () => {
    const [a, b] = customers;
    const entry = (customerId: string, at: string, kind: string, pending: number, available: number) =>
      h.sql(
        `INSERT INTO points_entry (id, customer_id, at, kind, pending_delta, available_delta, debt_delta, actor_id)
         VALUES ($1, $2, $3, $4, $5, $6, 0, 'test')`,
        [randomUUID(), customerId, at, kind, pending, available],
      );
    await entry(a, '2026-03-02T00:00:00Z', 'earn', 500, 0);
    await entry(a, '2026-03-10T00:00:00Z', 'release', -500, 500);
    await entry(b, '2026-03-11T00:00:00Z', 'goodwill', 0, 50);
    await entry(a, '2026-03-12T00:00:00Z', 'redeem', 0, -120);
    await entry(a, '2026-04-01T00:00:00Z', 'expire', 0, -30);
    await entry(b, '2026-04-02T00:00:00Z', 'reverse', 0, -20);
    await h.sql(
      `INSERT INTO points_balance (customer_id, available, pending, debt, updated_at) VALUES ($1, 350, 0, 0, now()), ($2, 30, 40, 5, now())
       ON CONFLICT (customer_id) DO UPDATE SET available = EXCLUDED.available, pending = EXCLUDED.pending, debt = EXCLUDED.debt`,
      [a, b],
    );

    const res = await get('points?from=2026-03-01&to=2026-05-01');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.total).toMatchObject({ issued: 550, redeemed: 120, expired: 30, reversed: 20 });
    expect(
      view.periods.map((p: Record<string, number>) => [p.issued, p.redeemed, p.expired, p.reversed]),
    ).toEqual([
      [550, 120, 0, 0],
      [0, 0, 30, 20],
    ]);
    const [sums] = await h.sql<{ available: number; pending: number; debt: number }>(
      `SELECT sum(available)::int AS available, sum(pending)::int AS pending, sum(debt)::int AS debt FROM points_balance`,
    );
    expect(view.outstanding).toMatchObject(sums);
    expect(view.outstanding.available).toBeGreaterThanOrEqual(380);

    const csv = (await get('points.csv?from=2026-03-01&to=2026-05-01')).body.split('\r\n');
    expect(csv.slice(0, 3)).toEqual([
      'period_from,period_to,issued,redeemed,expired,reversed',
      '2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,550,120,0,0',
      '2026-04-01T00:00:00.000Z,2026-05-01T00:00:00.000Z,0,0,30,20',
    ]);
  });

  it('gives segment sizes and the birthday count, never the people', async () => {
    const segments = await get('segments');
    expect(segments.statusCode).toBe(200);
    expect(segments.json().items.map((s: { code: string }) => s.code)).toContain('at-risk');
    const birthdays = await get('birthdays?days=7&timeZone=Asia/Shanghai');
    expect(birthdays.json()).toEqual({ days: 7, timeZone: 'Asia/Shanghai', customers: 0 });
  });

  it('refuses bad ranges and callers other than the crm lead', async () => {
    const reversed = await get('repurchase?from=2026-11-01&to=2026-10-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe('to');
    const long = await get('tiers?from=2020-01-01&to=2026-01-01');
    expect(long.json().errors[0].field).toBe('from');
    const bad = await get('points?period=week&timeZone=Moon/Base&from=yesterday');
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['from', 'period', 'timeZone']);
    expect((await h.request('GET', '/api/v1/admin/analytics/tiers', { as: 'agent' })).statusCode).toBe(403);
    expect(
      (await h.request('GET', '/api/v1/admin/analytics/tiers', { as: 'lead', dept: 'complaints' }))
        .statusCode,
    ).toBe(403);
    expect((await h.request('GET', '/api/v1/admin/analytics/points.csv')).statusCode).toBe(401);
  });
});
