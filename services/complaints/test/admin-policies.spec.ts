// The lead's policy endpoints through HTTP against a real database (seeded by the migration).
import { Logger } from '@nestjs/common';
import { ComplaintsHarness, Response } from './support';

type As = 'admin' | 'lead' | 'agent';

const VALID_POLICY = {
  repeatWindowDays: 45,
  autoCloseDays: 10,
  reopenEscalationThreshold: 3,
  warningLeadMinutes: 60,
  escalationChain: [
    { level: 1, to: 'owner-lead', afterMinutes: -30 },
    { level: 2, to: 'department-lead', afterMinutes: 0 },
    { level: 3, to: 'management', afterMinutes: 0 },
  ],
  vipTiers: ['diamond'],
  defaultFirstResponseHours: 12,
  defaultResolutionHours: 48,
};

const OPEN_10_TO_22 = [{ from: '10:00', to: '22:00' }];

/** The scorecard's targets, as the migration seeds them (docs/complaints/admin-api.md). */
const SCORECARD = {
  satisfaction: 0.9,
  resolutionRate: 0.95,
  complaintRate: 0.01,
  firstResponseHoursP90: 24,
  resolutionHoursP90: 72,
  firstResponseInTime: 1,
};

describe('complaint policies (admin API)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  afterEach(() => jest.restoreAllMocks());

  const call = (
    method: string,
    path: string,
    body?: unknown,
    as: As = 'lead',
    opts: { sub?: string; dept?: string } = {},
  ) =>
    h.request(method, `/api/v1/admin/policies${path}`, {
      as,
      body,
      sub: opts.sub ?? 'lead-7',
      dept: opts.dept,
    });

  const problem = (res: Response) => {
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    return res.json<{
      status: number;
      code: string;
      detail: string;
      errors?: { field: string; messages: string[] }[];
      details?: Record<string, unknown>;
    }>();
  };

  /** The fields a 400 VALIDATION_FAILED names. */
  const badFields = async (res: Promise<Response>): Promise<string[]> => {
    const r = await res;
    expect(r.statusCode).toBe(400);
    const p = problem(r);
    expect(p.code).toBe('VALIDATION_FAILED');
    return (p.errors ?? []).map((e) => e.field).sort();
  };

  describe('who may call', () => {
    it('lets admins and the lead of complaints in; not agents, leads of other departments, or anonymous callers', async () => {
      expect((await call('GET', '')).statusCode).toBe(200);
      expect((await call('GET', '', undefined, 'admin')).statusCode).toBe(200);
      for (const path of ['', '/sla-rules', '/calendars', '/calendars/*', '/categories']) {
        const agent = await call('GET', path, undefined, 'agent');
        expect(agent.statusCode).toBe(403);
        expect(problem(agent).code).toBe('FORBIDDEN_ROLE');
        expect((await call('GET', path, undefined, 'lead', { dept: 'crm' })).statusCode).toBe(403);
      }
      const write = await call('PUT', '', VALID_POLICY, 'lead', { dept: 'aftersales' });
      expect(write.statusCode).toBe(403);
      expect((await h.request('GET', '/api/v1/admin/policies')).statusCode).toBe(401);
      expect((await h.sql(`SELECT repeat_window_days FROM complaint_policy`))[0]).toEqual({
        repeat_window_days: 30,
      });
    });
  });

  describe('settings', () => {
    it('shows the seeded defaults', async () => {
      const res = await call('GET', '');
      expect(res.json()).toEqual({
        repeatWindowDays: 30,
        autoCloseDays: 7,
        reopenEscalationThreshold: 2,
        warningLeadMinutes: 120,
        escalationChain: [
          { level: 1, to: 'owner-lead', afterMinutes: 0 },
          { level: 2, to: 'management', afterMinutes: 1440 },
        ],
        vipTiers: ['gold', 'diamond'],
        defaultFirstResponseHours: 24,
        defaultResolutionHours: 72,
        kpiTargets: SCORECARD,
        updatedAt: expect.any(String) as string,
        updatedBy: 'migration',
      });
    });

    it('replaces them, records who did it, and logs the change', async () => {
      const log = jest.spyOn(Logger.prototype, 'log');
      const res = await call('PUT', '', VALID_POLICY);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        ...VALID_POLICY,
        kpiTargets: SCORECARD, // not part of PUT /admin/policies: kept
        updatedAt: expect.any(String) as string,
        updatedBy: 'lead-7',
      });
      expect((await call('GET', '')).json()).toMatchObject({ ...VALID_POLICY, updatedBy: 'lead-7' });
      const [row] = await h.sql(
        `SELECT updated_by, repeat_window_days, vip_tiers, escalation_chain FROM complaint_policy WHERE id = 1`,
      );
      expect(row).toEqual({
        updated_by: 'lead-7',
        repeat_window_days: 45,
        vip_tiers: ['diamond'],
        escalation_chain: VALID_POLICY.escalationChain,
      });

      const line = log.mock.calls.find(([message]) => String(message).startsWith('policy.updated'));
      expect(line?.[0]).toBe('policy.updated policy by lead-7');
      expect(line?.[1]).toMatchObject({
        audit: {
          actor: 'lead-7',
          changes: {
            repeatWindowDays: { from: 30, to: 45 },
            vipTiers: { from: ['gold', 'diamond'], to: ['diamond'] },
            defaultFirstResponseHours: { from: 24, to: 12 },
          },
        },
      });
      expect(Object.keys((line?.[1] as { audit: { changes: object } }).audit.changes)).not.toContain(
        'updatedAt',
      );
    });

    it('refuses an escalation chain whose levels skip or whose times go back, naming the field', async () => {
      const skip = {
        ...VALID_POLICY,
        escalationChain: [
          { level: 1, to: 'owner-lead', afterMinutes: 0 },
          { level: 3, to: 'management', afterMinutes: 60 },
        ],
      };
      expect(await badFields(call('PUT', '', skip))).toEqual(['escalationChain']);
      const back = {
        ...VALID_POLICY,
        escalationChain: [
          { level: 1, to: 'owner-lead', afterMinutes: 60 },
          { level: 2, to: 'management', afterMinutes: 30 },
        ],
      };
      const res = await call('PUT', '', back);
      expect(await badFields(Promise.resolve(res))).toEqual(['escalationChain']);
      expect(problem(res).errors?.[0].messages[0]).toMatch(/afterMinutes must not decrease/);
      const empty = { ...VALID_POLICY, escalationChain: [] };
      expect(await badFields(call('PUT', '', empty))).toEqual(['escalationChain']);
      const badStep = {
        ...VALID_POLICY,
        escalationChain: [{ level: 0, to: 'Owner Lead', afterMinutes: 1.5, extra: 1 }],
      };
      expect(await badFields(call('PUT', '', badStep))).toEqual([
        'escalationChain.0.afterMinutes',
        'escalationChain.0.extra',
        'escalationChain.0.level',
        'escalationChain.0.to',
      ]);
      // Steps that are not objects would be stored as a chain that escalates nobody.
      const step = { level: 1, to: 'owner-lead', afterMinutes: 0 };
      for (const chain of [[[]], [step, []], [[step]], [null], ['owner-lead']]) {
        const res = await call('PUT', '', { ...VALID_POLICY, escalationChain: chain });
        expect(await badFields(Promise.resolve(res))).toContain('escalationChain');
      }
      const [stored] = await h.sql<{ escalation_chain: unknown[] }>(
        `SELECT escalation_chain FROM complaint_policy WHERE id = 1`,
      );
      for (const s of stored.escalation_chain) expect(s).toMatchObject({ level: expect.any(Number) });
    });

    it('refuses unknown VIP tiers, non-positive hours, resolution before first response, and missing fields', async () => {
      expect(await badFields(call('PUT', '', { ...VALID_POLICY, vipTiers: ['platinum'] }))).toEqual([
        'vipTiers',
      ]);
      expect(await badFields(call('PUT', '', { ...VALID_POLICY, vipTiers: ['gold', 'gold'] }))).toEqual([
        'vipTiers',
      ]);
      expect(await badFields(call('PUT', '', { ...VALID_POLICY, defaultFirstResponseHours: 0 }))).toEqual([
        'defaultFirstResponseHours',
      ]);
      expect(
        await badFields(
          call('PUT', '', { ...VALID_POLICY, defaultFirstResponseHours: 80, defaultResolutionHours: 72 }),
        ),
      ).toEqual(['defaultResolutionHours']);
      const { autoCloseDays: _dropped, ...partial } = VALID_POLICY;
      expect(await badFields(call('PUT', '', partial))).toEqual(['autoCloseDays']);
      expect((await h.sql(`SELECT default_first_response_hours FROM complaint_policy`))[0]).toEqual({
        default_first_response_hours: 12,
      });
    });
  });

  describe('KPI targets', () => {
    it("replaces the scorecard's targets, logs who did it, and the KPIs are judged by them", async () => {
      const log = jest.spyOn(Logger.prototype, 'log');
      const targets = {
        ...SCORECARD,
        satisfaction: 0.85,
        firstResponseHoursP90: 12,
        firstResponseInTime: 0.98,
      };
      const res = await call('PUT', '/kpi-targets', targets, 'lead', { sub: 'lead-9' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ kpiTargets: targets, updatedBy: 'lead-9' });
      const line = log.mock.calls.find(([message]) => String(message).startsWith('kpi-targets.updated'));
      expect(line?.[1]).toMatchObject({
        audit: { actor: 'lead-9', changes: { kpiTargets: { from: SCORECARD, to: targets } } },
      });

      const kpis = (await h.request('GET', '/api/v1/admin/analytics/kpis', { as: 'lead' })).json<{
        satisfaction: { target: { value: number } };
        firstResponseTime: { target: { value: number; statistic: string } };
        complaintRate: { target: { value: number; operator: string } };
        firstResponseSla: { target: { value: number; source: string } };
      }>();
      expect(kpis.firstResponseSla.target).toEqual(
        expect.objectContaining({ value: 0.98, source: 'kpiTargets.firstResponseInTime' }),
      );
      expect(kpis.satisfaction.target.value).toBe(0.85);
      expect(kpis.firstResponseTime.target).toMatchObject({ value: 12, statistic: 'p90' });
      expect(kpis.complaintRate.target).toMatchObject({ value: 0.01, operator: '<=' });

      expect((await call('PUT', '/kpi-targets', SCORECARD)).statusCode).toBe(200);
    });

    it('refuses rates outside 0..1, non-positive hours and missing fields, naming them; only leads and admins', async () => {
      expect(
        await badFields(
          call('PUT', '/kpi-targets', {
            satisfaction: 1.5,
            resolutionRate: -0.1,
            complaintRate: 0.01,
            firstResponseHoursP90: 0,
            firstResponseInTime: 1.01,
          }),
        ),
      ).toEqual([
        'firstResponseHoursP90',
        'firstResponseInTime',
        'resolutionHoursP90',
        'resolutionRate',
        'satisfaction',
      ]);
      expect((await call('PUT', '/kpi-targets', SCORECARD, 'agent')).statusCode).toBe(403);
      expect((await call('GET', '')).json()).toMatchObject({ kpiTargets: SCORECARD });
    });
  });

  describe('SLA rules', () => {
    const rule = {
      priority: 'P3',
      channel: 'hotline',
      firstResponseHours: 6,
      resolutionHours: 36,
      businessHours: true,
    };
    let created: { id: string };

    it('lists the seeded rules, most specific first', async () => {
      const res = await call('GET', '/sla-rules');
      expect(res.json()).toEqual([
        {
          id: '00000000-0000-7000-8000-000000000001',
          priority: 'P1',
          channel: null,
          tier: null,
          firstResponseHours: 4,
          resolutionHours: 24,
          businessHours: false,
        },
        {
          id: '00000000-0000-7000-8000-000000000002',
          priority: 'P2',
          channel: null,
          tier: null,
          firstResponseHours: 12,
          resolutionHours: 48,
          businessHours: false,
        },
        {
          id: '00000000-0000-7000-8000-000000000003',
          priority: null,
          channel: null,
          tier: 'diamond',
          firstResponseHours: 8,
          resolutionHours: 48,
          businessHours: false,
        },
      ]);
    });

    it('creates a rule (absent criteria mean any), reads, replaces and deletes it', async () => {
      const res = await call('POST', '/sla-rules', rule);
      expect(res.statusCode).toBe(201);
      created = res.json();
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
        ...rule,
        tier: null,
      });
      expect((await call('GET', `/sla-rules/${created.id}`)).json()).toEqual(created);
      expect((await call('GET', '/sla-rules')).json()[0]).toEqual(created); // two criteria: before the one-criterion rules

      const replaced = await call('PUT', `/sla-rules/${created.id}`, {
        ...rule,
        tier: 'gold',
        resolutionHours: 30,
      });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toEqual({ ...created, tier: 'gold', resolutionHours: 30 });
      expect(
        await h.sql(`SELECT tier, resolution_hours, business_hours FROM sla_rule WHERE id = $1`, [
          created.id,
        ]),
      ).toEqual([{ tier: 'gold', resolution_hours: 30, business_hours: true }]);
      // Replacing a rule with its own criteria is not a duplicate of itself.
      expect((await call('PUT', `/sla-rules/${created.id}`, { ...rule, tier: 'gold' })).statusCode).toBe(200);

      expect((await call('DELETE', `/sla-rules/${created.id}`)).statusCode).toBe(204);
      const gone = await call('GET', `/sla-rules/${created.id}`);
      expect(gone.statusCode).toBe(404);
      expect(problem(gone).code).toBe('SLA_RULE_NOT_FOUND');
      expect((await call('DELETE', `/sla-rules/${created.id}`)).statusCode).toBe(404);
    });

    it('refuses a duplicate of an existing rule with 409, on create and on replace', async () => {
      const first = await call('POST', '/sla-rules', rule);
      expect(first.statusCode).toBe(201);
      const again = await call('POST', '/sla-rules', { ...rule, firstResponseHours: 2, resolutionHours: 10 });
      expect(again.statusCode).toBe(409);
      expect(problem(again)).toMatchObject({
        code: 'SLA_RULE_DUPLICATE',
        details: { field: 'priority', existingId: first.json().id },
      });
      const seeded = await call('POST', '/sla-rules', {
        priority: 'P1',
        firstResponseHours: 1,
        resolutionHours: 2,
      });
      expect(seeded.statusCode).toBe(409);
      expect(problem(seeded).details).toMatchObject({ existingId: '00000000-0000-7000-8000-000000000001' });
      const onto = await call('PUT', `/sla-rules/${first.json().id}`, {
        priority: 'P2',
        firstResponseHours: 1,
        resolutionHours: 2,
      });
      expect(onto.statusCode).toBe(409);
      expect((await h.sql(`SELECT count(*)::int AS n FROM sla_rule`))[0]).toEqual({ n: 4 });
    });

    it('refuses bad hours, unknown values and rules without criteria, naming the field', async () => {
      expect(await badFields(call('POST', '/sla-rules', { ...rule, firstResponseHours: 0 }))).toEqual([
        'firstResponseHours',
      ]);
      expect(await badFields(call('POST', '/sla-rules', { ...rule, resolutionHours: -1 }))).toEqual([
        'resolutionHours',
      ]);
      expect(
        await badFields(
          call('POST', '/sla-rules', {
            ...rule,
            priority: 'P4',
            firstResponseHours: 40,
            resolutionHours: 30,
          }),
        ),
      ).toEqual(['resolutionHours']);
      expect(
        await badFields(call('POST', '/sla-rules', { ...rule, priority: 'P9', tier: 'platinum' })),
      ).toEqual(['priority', 'tier']);
      expect(await badFields(call('POST', '/sla-rules', { ...rule, businessHours: 'yes' }))).toEqual([
        'businessHours',
      ]);
      const none = await call('POST', '/sla-rules', { firstResponseHours: 5, resolutionHours: 10 });
      expect(none.statusCode).toBe(400);
      expect(problem(none)).toMatchObject({
        code: 'SLA_RULE_WITHOUT_CRITERIA',
        details: { field: 'priority' },
      });
      expect(await badFields(call('GET', '/sla-rules/not-a-uuid'))).toEqual(['id']);
    });
  });

  describe('store calendars', () => {
    const week = {
      '1': OPEN_10_TO_22,
      '2': OPEN_10_TO_22,
      '3': OPEN_10_TO_22,
      '4': OPEN_10_TO_22,
      '5': [
        { from: '10:00', to: '14:00' },
        { from: '15:00', to: '24:00' },
      ],
    };

    it('shows the default calendar', async () => {
      const res = await call('GET', '/calendars/*');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ storeId: '*', timeZone: 'Asia/Shanghai', holidays: [] });
      expect(res.json().weekly['0']).toEqual(OPEN_10_TO_22);
    });

    it("creates a store's calendar in one stored shape, lists, replaces and deletes it", async () => {
      const res = await call('PUT', '/calendars/SH-001', {
        timeZone: 'asia/shanghai',
        weekly: week,
        holidays: ['2026-10-02', '2026-10-01'],
      });
      expect(res.statusCode).toBe(200);
      const expected = {
        storeId: 'SH-001',
        timeZone: 'Asia/Shanghai',
        weekly: { '0': [], ...week, '6': [] },
        holidays: ['2026-10-01', '2026-10-02'],
      };
      expect(res.json()).toEqual(expected);
      expect((await call('GET', '/calendars/SH-001')).json()).toEqual(expected);
      expect((await call('GET', '/calendars')).json().map((c: { storeId: string }) => c.storeId)).toEqual([
        '*',
        'SH-001',
      ]);

      const again = await call('PUT', '/calendars/SH-001', {
        timeZone: 'Europe/Berlin',
        weekly: { '6': [{ from: '09:30', to: '13:00' }] },
      });
      expect(again.json()).toMatchObject({
        timeZone: 'Europe/Berlin',
        holidays: [],
        weekly: { '1': [], '6': [{ from: '09:30', to: '13:00' }] },
      });

      expect((await call('DELETE', '/calendars/SH-001')).statusCode).toBe(204);
      const gone = await call('GET', '/calendars/SH-001');
      expect(gone.statusCode).toBe(404);
      expect(problem(gone).code).toBe('CALENDAR_NOT_FOUND');
      expect((await call('DELETE', '/calendars/SH-001')).statusCode).toBe(404);
    });

    it("keeps the default: '*' cannot be deleted", async () => {
      const res = await call('DELETE', '/calendars/*');
      expect(res.statusCode).toBe(409);
      expect(problem(res)).toMatchObject({
        code: 'CALENDAR_DEFAULT_REQUIRED',
        details: { field: 'storeId' },
      });
      expect(await h.sql(`SELECT store_id FROM store_calendar WHERE store_id = '*'`)).toHaveLength(1);
    });

    it.each([
      ['an unknown time zone', { timeZone: 'Mars/Olympus', weekly: week }, ['timeZone']],
      ['an offset instead of a zone', { timeZone: '+08:00', weekly: week }, ['timeZone']],
      [
        'overlapping hours',
        {
          timeZone: 'UTC',
          weekly: {
            '1': [
              { from: '10:00', to: '14:00' },
              { from: '13:00', to: '18:00' },
            ],
          },
        },
        ['weekly.1'],
      ],
      [
        'a range that ends before it starts',
        { timeZone: 'UTC', weekly: { '1': [{ from: '18:00', to: '10:00' }] } },
        ['weekly.1.0.to'],
      ],
      [
        'an empty range',
        { timeZone: 'UTC', weekly: { '1': [{ from: '10:00', to: '10:00' }] } },
        ['weekly.1.0.to'],
      ],
      [
        'a time that is not HH:MM',
        { timeZone: 'UTC', weekly: { '2': [{ from: '9:00', to: '25:00' }] } },
        ['weekly.2.0.from', 'weekly.2.0.to'],
      ],
      [
        'a weekday that does not exist',
        { timeZone: 'UTC', weekly: { '1': OPEN_10_TO_22, '7': OPEN_10_TO_22 } },
        ['weekly.7'],
      ],
      ['a week without opening hours', { timeZone: 'UTC', weekly: { '1': [] } }, ['weekly']],
      [
        'a holiday that is not a date',
        { timeZone: 'UTC', weekly: week, holidays: ['2026-02-30'] },
        ['holidays'],
      ],
      [
        'a holiday twice',
        { timeZone: 'UTC', weekly: week, holidays: ['2026-10-01', '2026-10-01'] },
        ['holidays'],
      ],
    ])('refuses %s, naming the field', async (_what, body, fields) => {
      expect(await badFields(call('PUT', '/calendars/SH-002', body))).toEqual(fields);
      expect(await h.sql(`SELECT 1 FROM store_calendar WHERE store_id = 'SH-002'`)).toHaveLength(0);
    });

    it('refuses a malformed store id', async () => {
      expect(await badFields(call('PUT', '/calendars/%20bad', { timeZone: 'UTC', weekly: week }))).toEqual([
        'storeId',
      ]);
    });
  });

  describe('taxonomy', () => {
    it('lists the seeded categories by code', async () => {
      const res = await call('GET', '/categories');
      expect(res.json().map((c: { code: string }) => c.code)).toEqual([
        'after-sales',
        'delivery',
        'other',
        'pricing-billing',
        'privacy',
        'product-quality',
        'safety',
        'service-attitude',
      ]);
      expect(res.json()[5]).toEqual({
        code: 'product-quality',
        name: 'Product quality',
        parentCode: null,
        major: false,
        department: 'quality',
        active: true,
        planTemplate: [],
      });
    });

    it('adds a subcategory under an existing parent, and refuses a taken code or a missing parent', async () => {
      const res = await call('POST', '/categories', {
        code: 'zip-defect',
        name: 'Zip defects',
        parentCode: 'product-quality',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        code: 'zip-defect',
        name: 'Zip defects',
        parentCode: 'product-quality',
        major: false,
        department: null,
        active: true,
        planTemplate: [],
      });
      const taken = await call('POST', '/categories', { code: 'zip-defect', name: 'Again' });
      expect(taken.statusCode).toBe(409);
      expect(problem(taken)).toMatchObject({ code: 'CATEGORY_EXISTS', details: { field: 'code' } });
      const orphan = await call('POST', '/categories', {
        code: 'button-defect',
        name: 'Buttons',
        parentCode: 'no-such-thing',
      });
      expect(orphan.statusCode).toBe(422);
      expect(problem(orphan)).toMatchObject({
        code: 'CATEGORY_PARENT_NOT_FOUND',
        details: { field: 'parentCode' },
      });
      expect(await badFields(call('POST', '/categories', { code: 'Zip Defect', name: '' }))).toEqual([
        'code',
        'name',
      ]);
    });

    it('updates name, parent, major, department and active; absent fields are kept, null clears', async () => {
      const res = await call('PATCH', '/categories/zip-defect', {
        name: 'Zips and fasteners',
        major: true,
        department: 'quality',
      });
      expect(res.json()).toEqual({
        code: 'zip-defect',
        name: 'Zips and fasteners',
        parentCode: 'product-quality',
        major: true,
        department: 'quality',
        active: true,
        planTemplate: [],
      });
      const top = await call('PATCH', '/categories/zip-defect', {
        parentCode: null,
        department: null,
        active: false,
      });
      expect(top.json()).toEqual({
        code: 'zip-defect',
        name: 'Zips and fasteners',
        parentCode: null,
        major: true,
        department: null,
        active: false,
        planTemplate: [],
      });
      expect(
        await h.sql(`SELECT parent_code, active FROM complaint_category WHERE code = 'zip-defect'`),
      ).toEqual([{ parent_code: null, active: false }]);
      expect(
        (await call('PATCH', '/categories/zip-defect', { parentCode: 'product-quality', active: true }))
          .statusCode,
      ).toBe(200);
    });

    it('refuses a parent that would close a loop, naming parentCode', async () => {
      const self = await call('PATCH', '/categories/product-quality', { parentCode: 'product-quality' });
      expect(self.statusCode).toBe(409);
      expect(problem(self)).toMatchObject({
        code: 'CATEGORY_CYCLE',
        details: { field: 'parentCode', cycle: ['product-quality', 'product-quality'] },
      });
      await call('POST', '/categories', {
        code: 'zip-slider',
        name: 'Zip sliders',
        parentCode: 'zip-defect',
      });
      const loop = await call('PATCH', '/categories/product-quality', { parentCode: 'zip-slider' });
      expect(loop.statusCode).toBe(409);
      expect(problem(loop)).toMatchObject({
        code: 'CATEGORY_CYCLE',
        details: {
          field: 'parentCode',
          cycle: ['product-quality', 'zip-slider', 'zip-defect', 'product-quality'],
        },
      });
      expect(
        await h.sql(`SELECT parent_code FROM complaint_category WHERE code = 'product-quality'`),
      ).toEqual([{ parent_code: null }]);
    });

    it('has no delete (deactivate instead), and refuses bad updates', async () => {
      expect((await call('DELETE', '/categories/other')).statusCode).toBe(404);
      expect(await h.sql(`SELECT 1 FROM complaint_category WHERE code = 'other'`)).toHaveLength(1);
      expect(
        await badFields(call('PATCH', '/categories/other', { name: null, major: 'no', code: 'x' })),
      ).toEqual(['code', 'major', 'name']);
      const missing = await call('PATCH', '/categories/nope', { name: 'Nope' });
      expect(missing.statusCode).toBe(404);
      expect(problem(missing).code).toBe('CATEGORY_NOT_FOUND');
      const orphan = await call('PATCH', '/categories/other', { parentCode: 'nope' });
      expect(orphan.statusCode).toBe(422);
    });
  });

  it('documents every admin endpoint in OpenAPI', async () => {
    const doc = (await h.request('GET', '/docs/json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const admin = Object.entries(doc.paths)
      .filter(
        ([path]) =>
          path.includes('/admin/policies') ||
          path.includes('/admin/analytics') ||
          path.includes('export.csv'),
      )
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(admin).toEqual([
      'DELETE /api/v1/admin/policies/calendars/{storeId}',
      'DELETE /api/v1/admin/policies/sla-rules/{id}',
      'GET /api/v1/admin/analytics/compensation-cost',
      'GET /api/v1/admin/analytics/counts',
      'GET /api/v1/admin/analytics/hot-spots',
      'GET /api/v1/admin/analytics/kpis',
      'GET /api/v1/admin/complaints/export.csv',
      'GET /api/v1/admin/policies',
      'GET /api/v1/admin/policies/calendars',
      'GET /api/v1/admin/policies/calendars/{storeId}',
      'GET /api/v1/admin/policies/categories',
      'GET /api/v1/admin/policies/cause-codes',
      'GET /api/v1/admin/policies/early-warning',
      'GET /api/v1/admin/policies/sla-rules',
      'GET /api/v1/admin/policies/sla-rules/{id}',
      'PATCH /api/v1/admin/policies/categories/{code}',
      'PATCH /api/v1/admin/policies/cause-codes/{code}',
      'POST /api/v1/admin/policies/categories',
      'POST /api/v1/admin/policies/cause-codes',
      'POST /api/v1/admin/policies/sla-rules',
      'PUT /api/v1/admin/policies',
      'PUT /api/v1/admin/policies/calendars/{storeId}',
      'PUT /api/v1/admin/policies/early-warning',
      'PUT /api/v1/admin/policies/kpi-targets',
      'PUT /api/v1/admin/policies/sla-rules/{id}',
    ]);
  });
});
