// The lead's analytics through HTTP against a real database: every figure is computed by hand
// from the complaints seeded below.
import { ManualClock } from '@cx/platform';
import { randomUUID } from 'node:crypto';
import { ComplaintsHarness, Response } from './support';

const AS_OF = '2026-04-02T00:00:00.000Z';
const MARCH = 'from=2026-03-01&to=2026-04-01';
const H = 3_600_000;

interface Seed {
  ref: string;
  at: string;
  channel?: string;
  category?: string;
  store?: string | null;
  product?: string | null;
  owner?: string;
  status?: string;
  /** Hours after receipt; null = not yet. */
  respondedAfter?: number | null;
  firstDueAfter?: number;
  resolvedAfter?: number | null;
  /** null = solution clock paused. */
  resolutionDueAfter?: number | null;
  closedAfter?: number | null;
  firstResponseBreached?: boolean;
  satisfaction?: 'satisfied' | 'dissatisfied' | null;
  isRepeat?: boolean;
  repeatOf?: string;
  mergedInto?: string;
  reopenCount?: number;
  description?: string;
}

describe('complaints analytics (admin API)', () => {
  let h: ComplaintsHarness;
  const ids: Record<string, string> = {};

  const get = (url: string, as: 'admin' | 'lead' | 'agent' = 'lead', dept?: string) =>
    h.request('GET', `/api/v1/admin/${url}`, { as, dept });
  const ok = async (url: string): Promise<any> => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const problem = (res: Response) => {
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    return res.json<{ status: number; code: string; errors?: { field: string; messages: string[] }[] }>();
  };

  async function seed(s: Seed): Promise<string> {
    const id = randomUUID();
    const at = new Date(s.at).getTime();
    const after = (hours: number | null | undefined) =>
      hours === null || hours === undefined ? null : new Date(at + hours * H);
    await h.sql(
      `INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major, customer_id,
         complainant_name, complainant_phone, complainant_email, store_id, product_sku, description, status, owner_id,
         received_at, recorded_at, recorded_by, first_response_due_at, resolution_due_at, resolution_clock_started_at,
         first_response_hours, resolution_hours, first_responded_at, resolved_at, closed_at, first_response_breached_at,
         is_repeat, repeat_of, merged_into, reopen_count, satisfaction, updated_at)
       VALUES ($1, $2, $3, $4, 'medium', 'medium', 'P3', false, $5, 'Li Mei', '+86 138 0013 8000', 'li.mei@example.com',
         $6, $7, $8, $9, $10, $11, $11, 'agent-0', $12, $13, $11, 24, 72, $14, $15, $16, $17, $18, $19, $20, $21, $22, $11)`,
      [
        id,
        s.ref,
        s.channel ?? 'hotline',
        s.category ?? 'product-quality',
        randomUUID(),
        s.store === undefined ? 'S1' : s.store,
        s.product === undefined ? null : s.product,
        s.description ?? `complaint ${s.ref}`,
        s.status ?? 'received',
        s.owner ?? 'owner-a',
        new Date(at),
        after(s.firstDueAfter ?? 24),
        s.resolutionDueAfter === null ? null : after(s.resolutionDueAfter ?? 72),
        after(s.respondedAfter),
        after(s.resolvedAfter),
        after(s.closedAfter),
        s.firstResponseBreached ? after((s.firstDueAfter ?? 24) + 0.01) : null,
        s.isRepeat ?? false,
        s.repeatOf ?? null,
        s.mergedInto ?? null,
        s.reopenCount ?? 0,
        s.satisfaction ?? null,
      ],
    );
    ids[s.ref] = id;
    return id;
  }

  beforeAll(async () => {
    h = await ComplaintsHarness.start({ clock: new ManualClock(AS_OF) });
    await h.changePolicyRows(
      `INSERT INTO complaint_category (code, name, parent_code) VALUES ('zip-defect', 'Zip defects', 'product-quality')`,
    );

    // The previous period of March (31 days: 2026-01-29 to 2026-03-01), and one complaint on each side of it.
    await seed({ ref: 'X0', at: '2026-01-28T23:00:00Z', category: 'delivery', store: 'S2' });
    await seed({ ref: 'P5', at: '2026-01-29T00:00:00Z', category: 'service-attitude', store: 'S1' });
    await seed({
      ref: 'P1',
      at: '2026-02-10T10:00:00Z',
      category: 'product-quality',
      store: 'S1',
      product: 'P-1',
    });
    await seed({ ref: 'P2', at: '2026-02-15T10:00:00Z', category: 'delivery', store: 'S2', product: 'P-2' });
    await seed({ ref: 'P4', at: '2026-02-20T10:00:00Z', category: 'service-attitude', store: 'S1' });
    await seed({ ref: 'P3', at: '2026-02-28T23:59:59Z', category: 'delivery', store: 'S2', product: 'P-2' });

    // March 2026.
    await seed({
      ref: 'C1',
      at: '2026-03-01T00:00:00Z',
      channel: 'hotline',
      category: 'product-quality',
      store: 'S1',
      product: 'P-1',
      owner: 'owner-a',
      status: 'closed',
      respondedAfter: 2,
      resolvedAfter: 20,
      closedAfter: 30,
      satisfaction: 'satisfied',
    });
    await seed({
      ref: 'C2',
      at: '2026-03-03T10:00:00Z',
      channel: 'online',
      category: 'product-quality',
      store: 'S1',
      product: 'P-1',
      owner: 'owner-a',
      status: 'resolved',
      respondedAfter: 30,
      resolvedAfter: 80,
      satisfaction: 'dissatisfied',
      reopenCount: 1,
    });
    await seed({
      ref: 'C3',
      at: '2026-03-10T09:00:00Z',
      channel: 'email',
      category: 'delivery',
      store: 'S2',
      product: 'P-2',
      owner: 'owner-b',
      status: 'in-progress',
      respondedAfter: 5,
      isRepeat: true,
      repeatOf: ids.P2,
    });
    await seed({
      ref: 'C4',
      at: '2026-03-15T12:00:00Z',
      channel: 'hotline',
      category: 'delivery',
      store: 'S2',
      product: null,
      owner: 'owner-b',
      status: 'closed',
      respondedAfter: 1,
      resolvedAfter: 10,
      closedAfter: 50,
      satisfaction: 'satisfied',
      description: 'Parcel late, box "crushed"',
    });
    // Withdrawn unanswered after the sweeper had recorded its first-response breach; never solved.
    await seed({
      ref: 'C5',
      at: '2026-03-20T08:00:00Z',
      channel: 'store-box',
      category: 'service-attitude',
      store: 'S1',
      owner: 'owner-c',
      status: 'withdrawn',
      firstResponseBreached: true,
    });
    await seed({
      ref: 'C6',
      at: '2026-03-31T12:00:00Z',
      channel: 'social',
      category: 'product-quality',
      store: 'S3',
      product: 'P-1',
      owner: 'owner-c',
      status: 'received',
      isRepeat: true,
    });
    await seed({
      ref: 'C7',
      at: '2026-03-25T00:00:00Z',
      channel: 'online',
      category: 'delivery',
      store: null,
      product: 'P-2',
      owner: 'owner-a',
      status: 'waiting-for-customer',
      respondedAfter: 3,
      resolutionDueAfter: null,
    });
    await seed({
      ref: 'C8',
      at: '2026-03-05T00:00:00Z',
      channel: 'hotline',
      category: 'zip-defect',
      store: 'S1',
      product: 'P-1',
      owner: 'owner-b',
      status: 'closed',
      firstDueAfter: 8,
      respondedAfter: 10,
      firstResponseBreached: true,
      resolutionDueAfter: 48,
      resolvedAfter: 40,
      closedAfter: 60,
      satisfaction: 'satisfied',
    });
    // Filed twice: the e-mail copy of C1 was merged into it, so it counts once.
    await seed({
      ref: 'C9',
      at: '2026-03-01T01:00:00Z',
      channel: 'email',
      category: 'product-quality',
      store: 'S1',
      product: 'P-1',
      mergedInto: ids.C1,
    });
    await seed({
      ref: 'X1',
      at: '2026-04-01T00:00:00Z',
      category: 'product-quality',
      store: 'S1',
      product: 'P-1',
    });

    // Orders: 300 + 200 + 100 in March; some outside it.
    await h.sql(`
      INSERT INTO recorded_order (order_id, store_id, customer_id, purchased_at)
      SELECT 'O-' || s || '-' || i, s, gen_random_uuid(), t + (i || ' minutes')::interval
        FROM (VALUES ('S1', 300, timestamptz '2026-03-01T00:00:00Z'), ('S2', 200, timestamptz '2026-03-10T00:00:00Z'),
                     ('S3', 100, timestamptz '2026-03-31T20:00:00Z'), ('S1x', 50, timestamptz '2026-02-27T00:00:00Z'),
                     ('S1y', 10, timestamptz '2026-04-01T00:00:00Z')) v(s, n, t),
             generate_series(0, n - 1) i`);
  });

  afterAll(async () => {
    await h?.stop();
  });

  describe('counts', () => {
    it('groups the period by category (largest first; merged duplicates and complaints outside [from, to) not counted)', async () => {
      const body = await ok(`analytics/counts?${MARCH}&groupBy=category`);
      expect(body).toEqual({
        period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', timeZone: 'UTC' },
        filters: { storeId: null, category: null, channel: null, department: null, ownerId: null },
        groupBy: 'category',
        total: 8,
        groups: [
          { key: 'delivery', count: 3, share: 3 / 8 },
          { key: 'product-quality', count: 3, share: 3 / 8 },
          { key: 'service-attitude', count: 1, share: 1 / 8 },
          { key: 'zip-defect', count: 1, share: 1 / 8 },
        ],
        truncated: false,
      });
    });

    it('groups by store, channel, product and owner, with "none" as null last among equals', async () => {
      const keys = async (by: string) =>
        (
          (await ok(`analytics/counts?${MARCH}&groupBy=${by}`)).groups as {
            key: string | null;
            count: number;
          }[]
        ).map((g) => [g.key, g.count]);
      expect(await keys('store')).toEqual([
        ['S1', 4],
        ['S2', 2],
        ['S3', 1],
        [null, 1],
      ]);
      expect(await keys('channel')).toEqual([
        ['hotline', 3],
        ['online', 2],
        ['email', 1],
        ['social', 1],
        ['store-box', 1],
      ]);
      expect(await keys('product')).toEqual([
        ['P-1', 4],
        ['P-2', 2],
        [null, 2],
      ]);
      expect(await keys('owner')).toEqual([
        ['owner-a', 3],
        ['owner-b', 3],
        ['owner-c', 2],
      ]);
    });

    it('cuts at limit but keeps the total, and says so', async () => {
      const body = await ok(`analytics/counts?${MARCH}&groupBy=channel&limit=2`);
      expect(body.groups).toEqual([
        { key: 'hotline', count: 3, share: 3 / 8 },
        { key: 'online', count: 2, share: 2 / 8 },
      ]);
      expect(body.total).toBe(8);
      expect(body.truncated).toBe(true);
    });

    it('makes week and month series with every bucket present (weeks from Monday)', async () => {
      const weeks = await ok(`analytics/counts?${MARCH}&groupBy=week`);
      expect(weeks.groups).toEqual([
        { key: '2026-02-23', count: 1, share: 1 / 8 },
        { key: '2026-03-02', count: 2, share: 2 / 8 },
        { key: '2026-03-09', count: 2, share: 2 / 8 },
        { key: '2026-03-16', count: 1, share: 1 / 8 },
        { key: '2026-03-23', count: 1, share: 1 / 8 },
        { key: '2026-03-30', count: 1, share: 1 / 8 },
      ]);
      expect((await ok(`analytics/counts?${MARCH}&groupBy=month`)).groups).toEqual([
        { key: '2026-03-01', count: 8, share: 1 },
      ]);
    });

    it('counts days in the requested time zone, dates being its local midnights', async () => {
      const body = await ok(`analytics/counts?${MARCH}&groupBy=day&timeZone=Asia/Shanghai`);
      expect(body.period).toEqual({
        from: '2026-02-28T16:00:00.000Z',
        to: '2026-03-31T16:00:00.000Z',
        timeZone: 'Asia/Shanghai',
      });
      expect(body.groups).toHaveLength(31);
      // P3 (23:59:59 UTC on 28 Feb) is 07:59 on 1 March in Shanghai, with C1.
      expect(body.total).toBe(9);
      expect(body.groups[0]).toEqual({ key: '2026-03-01', count: 2, share: 2 / 9 });
      expect(body.groups[1]).toEqual({ key: '2026-03-02', count: 0, share: 0 });
      expect(body.groups[30]).toEqual({ key: '2026-03-31', count: 1, share: 1 / 9 });
    });

    it('filters by store, channel, and category including the categories below it', async () => {
      expect((await ok(`analytics/counts?${MARCH}&groupBy=owner&storeId=S2`)).groups).toEqual([
        { key: 'owner-b', count: 2, share: 1 },
      ]);
      const hotline = await ok(`analytics/counts?${MARCH}&groupBy=category&channel=hotline`);
      expect(hotline.groups.map((g: { key: string }) => g.key)).toEqual([
        'delivery',
        'product-quality',
        'zip-defect',
      ]);
      const quality = await ok(`analytics/counts?${MARCH}&groupBy=category&category=product-quality`);
      expect(quality.total).toBe(4);
      expect(quality.filters).toEqual({
        storeId: null,
        category: 'product-quality',
        channel: null,
        department: null,
        ownerId: null,
      });
      expect(quality.groups).toEqual([
        { key: 'product-quality', count: 3, share: 3 / 4 },
        { key: 'zip-defect', count: 1, share: 1 / 4 },
      ]);
    });

    it('defaults to the 30 days before now', async () => {
      const body = await ok('analytics/counts?groupBy=month');
      expect(body.period).toEqual({ from: '2026-03-03T00:00:00.000Z', to: AS_OF, timeZone: 'UTC' });
      expect(body.total).toBe(8); // C2 (3 March 10:00) .. X1 (1 April): all of March but C1, and the merged C9
    });
  });

  describe('hot spots', () => {
    it('ranks categories, stores and products by count, each against the 31 days before March', async () => {
      const body = await ok(`analytics/hot-spots?${MARCH}`);
      expect(body.period).toEqual({
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-04-01T00:00:00.000Z',
        timeZone: 'UTC',
      });
      expect(body.previousPeriod).toEqual({
        from: '2026-01-29T00:00:00.000Z',
        to: '2026-03-01T00:00:00.000Z',
        timeZone: 'UTC',
      });
      expect(body.top).toBe(10);
      expect(body.categories).toEqual([
        { key: 'delivery', count: 3, previousCount: 2, change: 1, changePercent: 50 },
        { key: 'product-quality', count: 3, previousCount: 1, change: 2, changePercent: 200 },
        { key: 'service-attitude', count: 1, previousCount: 2, change: -1, changePercent: -50 },
        { key: 'zip-defect', count: 1, previousCount: 0, change: 1, changePercent: null },
      ]);
      expect(body.stores).toEqual([
        {
          key: 'S1',
          count: 4,
          previousCount: 3,
          change: 1,
          changePercent: expect.closeTo(33.3333, 3) as number,
        },
        { key: 'S2', count: 2, previousCount: 2, change: 0, changePercent: 0 },
        { key: 'S3', count: 1, previousCount: 0, change: 1, changePercent: null },
      ]);
      expect(body.products).toEqual([
        { key: 'P-1', count: 4, previousCount: 1, change: 3, changePercent: 300 },
        { key: 'P-2', count: 2, previousCount: 2, change: 0, changePercent: 0 },
      ]);
    });

    it('keeps the top N and applies the filters to both periods', async () => {
      const body = await ok(`analytics/hot-spots?${MARCH}&top=1&storeId=S1`);
      expect(body.categories).toEqual([
        { key: 'product-quality', count: 2, previousCount: 1, change: 1, changePercent: 100 },
      ]);
      expect(body.stores).toEqual([
        {
          key: 'S1',
          count: 4,
          previousCount: 3,
          change: 1,
          changePercent: expect.closeTo(33.3333, 3) as number,
        },
      ]);
      expect(body.products).toEqual([
        { key: 'P-1', count: 3, previousCount: 1, change: 2, changePercent: 200 },
      ]);
    });
  });

  describe('KPIs', () => {
    it('computes every KPI of March with its counts and target', async () => {
      const body = await ok(`analytics/kpis?${MARCH}`);
      expect(body).toEqual({
        period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', timeZone: 'UTC' },
        filters: { storeId: null, category: null, channel: null, department: null, ownerId: null },
        asOf: AS_OF,
        received: 8,
        withdrawn: 1,
        orders: 600,
        complaintRate: {
          rate: 8 / 600,
          numerator: 8,
          denominator: 600,
          meetsTarget: false,
          target: { operator: '<=', value: 0.01, unit: 'fraction', source: 'kpiTargets.complaintRate' },
        },
        // C1, C2, C4, C8 resolved or closed, of 8 received minus C5 withdrawn.
        resolutionRate: {
          rate: 4 / 7,
          numerator: 4,
          denominator: 7,
          meetsTarget: false,
          target: { operator: '>=', value: 0.95, unit: 'fraction', source: 'kpiTargets.resolutionRate' },
        },
        repeatRate: { rate: 2 / 8, numerator: 2, denominator: 8, target: null, meetsTarget: null },
        // Nothing a year earlier: no reduction to hold the repeat rate to.
        repeatRateYearBefore: { rate: null, numerator: 0, denominator: 0, target: null, meetsTarget: null },
        reopenRate: { rate: 1 / 8, numerator: 1, denominator: 8, target: null, meetsTarget: null },
        // Kept: C1, C3, C4, C7. Missed: C2 (late), C6 (unanswered, due 1 April 12:00), C8 (late), C5 (breach recorded before withdrawal).
        firstResponseSla: {
          rate: 4 / 8,
          numerator: 4,
          denominator: 8,
          meetsTarget: false,
          target: {
            operator: '>=',
            value: 1,
            unit: 'fraction',
            source: 'kpiTargets.firstResponseInTime',
          },
        },
        // Kept: C1, C4, C8. Missed: C2 (late), C3 (open past its due time). Not judged: C6 (not due yet), C7 (paused), C5 (withdrawn, no breach).
        resolutionSla: {
          rate: 3 / 5,
          numerator: 3,
          denominator: 5,
          meetsTarget: false,
          target: {
            operator: '>=',
            value: 1,
            unit: 'fraction',
            source: 'seed 003: every complaint solved within its solution time',
          },
        },
        satisfaction: {
          rate: 3 / 4,
          numerator: 3,
          denominator: 4,
          meetsTarget: false,
          target: { operator: '>=', value: 0.9, unit: 'fraction', source: 'kpiTargets.satisfaction' },
          byOwner: [
            { ownerId: 'owner-a', rate: 0.5, numerator: 1, denominator: 2 },
            { ownerId: 'owner-b', rate: 1, numerator: 2, denominator: 2 },
          ],
        },
        // Hours to first response: 1, 2, 3, 5, 10, 30 -> mean 8.5, p90 = 10 + 0.5 * (30 - 10).
        firstResponseTime: {
          count: 6,
          meanHours: 8.5,
          p90Hours: 20,
          meetsTarget: true,
          target: {
            operator: '<=',
            value: 24,
            unit: 'hours',
            statistic: 'p90',
            source: 'kpiTargets.firstResponseHoursP90',
          },
        },
        // Hours to solution: 10, 20, 40, 80 -> mean 37.5, p90 = 40 + 0.7 * (80 - 40).
        resolutionTime: {
          count: 4,
          meanHours: 37.5,
          p90Hours: expect.closeTo(68, 9) as number,
          meetsTarget: true,
          target: {
            operator: '<=',
            value: 72,
            unit: 'hours',
            statistic: 'p90',
            source: 'kpiTargets.resolutionHoursP90',
          },
        },
      });
    });

    it('narrows complaints and orders to one store', async () => {
      const body = await ok(`analytics/kpis?${MARCH}&storeId=S2`);
      expect(body.received).toBe(2);
      expect(body.orders).toBe(200);
      expect(body.complaintRate).toMatchObject({
        rate: 0.01,
        numerator: 2,
        denominator: 200,
        meetsTarget: true,
      });
      expect(body.resolutionRate).toMatchObject({ rate: 0.5, numerator: 1, denominator: 2 });
      expect(body.satisfaction).toMatchObject({ rate: 1, numerator: 1, denominator: 1, meetsTarget: true });
    });

    it('gives null rates, not zeros, where nothing was measured', async () => {
      const body = await ok('analytics/kpis?from=2025-01-01&to=2025-02-01');
      expect(body.received).toBe(0);
      expect(body.complaintRate).toMatchObject({
        rate: null,
        numerator: 0,
        denominator: 0,
        meetsTarget: null,
      });
      expect(body.firstResponseTime).toMatchObject({
        count: 0,
        meanHours: null,
        p90Hours: null,
        meetsTarget: null,
      });
      expect(body.satisfaction.byOwner).toEqual([]);
    });
  });

  describe('CSV export of the ledger', () => {
    const HEADER =
      'reference,id,receivedAt,recordedAt,channel,category,priority,urgency,importance,isMajor,departments,department,status,' +
      'storeId,orderId,productSku,employeeId,ownerId,customerTier,firstResponseDueAt,firstRespondedAt,firstResponseBreachedAt,' +
      'resolutionDueAt,resolvedAt,resolutionBreachedAt,closedAt,escalationLevel,isRepeat,repeatOf,mergedInto,reopenCount,' +
      'satisfaction,satisfactionAt,description,resolutionSummary';

    it('streams every complaint of the period, oldest first, RFC 4180 quoted, without personal data', async () => {
      const res = await get(`complaints/export.csv?${MARCH}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="complaints-2026-03-01-2026-04-01.csv"',
      );
      expect(res.headers['cache-control']).toBe('no-store');
      const lines = res.body.split('\r\n');
      expect(lines[0]).toBe(HEADER);
      expect(lines[lines.length - 1]).toBe(''); // every row ends with CRLF
      const rows = lines.slice(1, -1);
      // The merged duplicate C9 and withdrawn C5 are in the ledger too.
      expect(rows.map((r) => r.split(',')[0])).toEqual([
        'C1',
        'C9',
        'C2',
        'C8',
        'C3',
        'C4',
        'C5',
        'C7',
        'C6',
      ]);
      expect(lines[0]).not.toMatch(/name|phone|email|contact|customer(?!Tier)|hash/i);
      expect(res.body).not.toMatch(/Li Mei|138 0013|li\.mei@/);

      const c4 = rows.find((r) => r.startsWith('C4,'))!;
      expect(c4).toBe(
        `C4,${ids.C4},2026-03-15T12:00:00.000Z,2026-03-15T12:00:00.000Z,hotline,delivery,P3,medium,medium,false,,,closed,` +
          'S2,,,,owner-b,,2026-03-16T12:00:00.000Z,2026-03-15T13:00:00.000Z,,2026-03-18T12:00:00.000Z,2026-03-15T22:00:00.000Z,,' +
          '2026-03-17T14:00:00.000Z,0,false,,,0,satisfied,,"Parcel late, box ""crushed""",',
      );
      expect(rows.find((r) => r.startsWith('C9,'))).toContain(',false,,C1,0,');
      expect(rows.find((r) => r.startsWith('C3,'))).toContain(',true,P2,,0,');
    });

    it('pages through large periods without losing or repeating rows (equal and microsecond times)', async () => {
      await h.sql(`
        INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major, description, status,
          owner_id, received_at, recorded_at, recorded_by, first_response_due_at, resolution_clock_started_at,
          first_response_hours, resolution_hours, updated_at)
        SELECT gen_random_uuid(), 'B-' || i, 'online', 'delivery', 'low', 'low', 'P4', false, 'bulk ' || i, 'received', 'owner-z',
               timestamptz '2025-06-01T00:00:00Z' + (i / 3) * interval '1.000123 second', now(), 'agent-0', now(), now(), 24, 72, now()
          FROM generate_series(1, 1201) i`);
      const res = await get('complaints/export.csv?from=2025-06-01&to=2025-07-01');
      const refs = res.body
        .split('\r\n')
        .slice(1, -1)
        .map((r) => r.split(',')[0]);
      expect(refs).toHaveLength(1201);
      expect(new Set(refs).size).toBe(1201);
    });

    it("names the file after the local dates asked for, in the period's time zone", async () => {
      const res = await get(`complaints/export.csv?${MARCH}&timeZone=Asia/Shanghai`);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="complaints-2026-03-01-2026-04-01.csv"',
      );
    });

    it('checks the period before streaming: a bad one is a problem answer', async () => {
      const res = await get('complaints/export.csv?from=2026-04-01&to=2026-03-01');
      expect(res.statusCode).toBe(400);
      expect(problem(res).errors).toEqual([
        { field: 'to', messages: [expect.stringContaining('must be later than from') as string] },
      ]);
    });
  });

  describe('who may ask, and what a bad question gets', () => {
    it('answers admins and the lead of complaints; not agents or leads of other departments', async () => {
      for (const url of [
        `analytics/kpis?${MARCH}`,
        `analytics/counts?${MARCH}`,
        `analytics/hot-spots?${MARCH}`,
        `complaints/export.csv?${MARCH}`,
      ]) {
        expect((await get(url, 'lead')).statusCode).toBe(200);
        expect((await get(url, 'admin')).statusCode).toBe(200);
        const agent = await get(url, 'agent');
        expect(agent.statusCode).toBe(403);
        expect(problem(agent).code).toBe('FORBIDDEN_ROLE');
        expect((await get(url, 'lead', 'crm')).statusCode).toBe(403);
      }
      expect((await h.request('GET', '/api/v1/admin/analytics/kpis')).statusCode).toBe(401);
    });

    it.each([
      ['from=2026-03-01&to=2026-03-01', 'to'],
      ['from=2026-03-02&to=2026-03-01', 'to'],
      ['from=2024-01-01&to=2026-01-02', 'from'],
      ['from=2026-13-01', 'from'],
      ['from=2026-03-01T10:00:00', 'from'], // no offset: ambiguous
      ['to=yesterday', 'to'],
      ['timeZone=Mars/Olympus', 'timeZone'],
      ['channel=fax', 'channel'],
      ['groupBy=year', 'groupBy'],
      ['limit=0', 'limit'],
      ['category=Not_A_Code', 'category'],
      ['colour=red', 'colour'],
    ])('%s -> 400 naming %s', async (qs, field) => {
      const res = await get(`analytics/counts?${qs}`);
      expect(res.statusCode).toBe(400);
      const p = problem(res);
      expect(p.code).toBe('VALIDATION_FAILED');
      expect(p.errors?.map((e) => e.field)).toContain(field);
    });

    it('refuses top out of range on hot spots', async () => {
      const res = await get('analytics/hot-spots?top=101');
      expect(res.statusCode).toBe(400);
      expect(problem(res).errors?.map((e) => e.field)).toEqual(['top']);
    });
  });
});
