// The company CX scorecard gathered by training (GET /api/v1/admin/company-scorecard): its own
// figures (training coverage, staff satisfaction) computed here, complaints' asked for over NATS, and
// the services that are not running named as unavailable while the rest is shown.
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startServices, StartedGroup, validComplaint } from '@cx/testing';
import { complaintsService } from '../../services/complaints/src/service';
import { trainingService } from '../../services/training/src/service';

// 2 December 2026, 00:00 in Shanghai; the dates below are UTC (no timeZone in the queries).
const NOW = '2026-12-01T16:00:00.000Z';
const NOVEMBER = 'from=2026-11-01&to=2026-12-01';

describe('company CX scorecard gathered by training', () => {
  let group: StartedGroup<[typeof trainingService, typeof complaintsService]>;
  let training: ServiceHarness;
  let complaints: ServiceHarness;

  const hire = async (employeeId: string, storeId: string, hireDate: string): Promise<string> => {
    const body = {
      employeeId,
      name: 'Zhao Min',
      storeId,
      department: 'sales',
      role: 'sales-associate',
      hireDate,
    };
    expect((await training.request('POST', '/api/v1/employees', { as: 'system', body })).statusCode).toBe(
      201,
    );
    const [e] = (
      await training.request('GET', `/api/v1/employees/${employeeId}/enrollments`, { as: 'lead' })
    ).json<{ id: string }[]>();
    return e.id;
  };

  beforeAll(async () => {
    group = await startServices([trainingService, complaintsService], { clock: new ManualClock(NOW) });
    [training, complaints] = group.services;
    const course = await training.request('POST', '/api/v1/admin/courses', {
      as: 'lead',
      body: {
        code: 'service-process',
        title: 'Service process',
        topic: 'service-process',
        format: 'internal',
        durationMinutes: 120,
        passingScore: 80,
        points: 10,
        serviceProcess: true,
      },
    });
    expect(course.statusCode).toBe(201);
    // Deadlines in November (hired in August): E-A trained in time at SH-001, E-B not, E-C at SH-002 not.
    const a = await hire('E-A', 'SH-001', '2026-08-01');
    await hire('E-B', 'SH-001', '2026-08-02');
    await hire('E-C', 'SH-002', '2026-08-03');
    const passed = await training.request('POST', `/api/v1/enrollments/${a}/attempts`, {
      as: 'system',
      body: { score: 90, takenAt: '2026-09-01T00:00:00Z' },
    });
    expect(passed.statusCode).toBe(200);
    // Staff surveys: November 90 % of 10 at SH-001 and 70 % of 30 at SH-002; October 80 % of 10 at SH-001.
    for (const [month, storeId, satisfiedPct, respondents] of [
      ['2026-11', 'SH-001', 90, 10],
      ['2026-11', 'SH-002', 70, 30],
      ['2026-10', 'SH-001', 80, 10],
    ] as const) {
      const res = await training.request('PUT', `/api/v1/admin/scorecards/${month}/staff-satisfaction`, {
        as: 'lead',
        body: { storeId, satisfiedPct, respondents },
      });
      expect(res.statusCode).toBe(200);
    }
    // Complaints: 1 complaint and 50 orders at SH-001 in November.
    await complaints.sql(
      `INSERT INTO recorded_order (order_id, store_id, customer_id, purchased_at)
       SELECT 'O-' || i, 'SH-001', gen_random_uuid(), timestamptz '2026-11-03T00:00:00Z' + (i || ' minutes')::interval
         FROM generate_series(1, 50) i`,
    );
    const filed = await complaints.request('POST', '/api/v1/complaints', {
      as: 'agent',
      body: validComplaint({ receivedAt: '2026-11-05T02:00:00Z' }),
    });
    expect(filed.statusCode).toBe(201);
  });

  afterAll(() => group?.stop());

  type Figure = { figure: string; owner: string; value: number | null; missed: boolean | null };

  it('shows every figure of the running services with its owner, and names the services that did not answer', async () => {
    const res = await training.request('GET', `/api/v1/admin/company-scorecard?${NOVEMBER}`, { as: 'admin' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      figures: Figure[];
      missed: number;
      unavailable: { service: string; code: string }[];
    }>();
    expect(body.figures.map((f) => [f.figure, f.owner])).toEqual([
      ['complaint-rate', 'complaints'],
      ['first-response-in-time', 'complaints'],
      ['solution-in-time', 'complaints'],
      ['resolution-rate', 'complaints'],
      ['repeat-complaints', 'complaints'],
      ['training-coverage', 'training'],
      ['employee-satisfaction', 'training'],
    ]);
    expect(body.unavailable).toEqual([
      { service: 'aftersales', code: 'RPC_UNAVAILABLE', reason: expect.any(String) },
      { service: 'crm', code: 'RPC_UNAVAILABLE', reason: expect.any(String) },
      { service: 'surveys', code: 'RPC_UNAVAILABLE', reason: expect.any(String) },
    ]);
    const f = Object.fromEntries(body.figures.map((x) => [x.figure, x]));
    expect(f['complaint-rate']).toMatchObject({ value: 1 / 50, missed: true });
    expect(f['training-coverage']).toMatchObject({
      value: 1 / 3,
      numerator: 1,
      denominator: 3,
      missed: true,
    });
    // (9 + 21) of 40 staff; October had no survey at SH-002, so the previous period is 8 of 10.
    expect(f['employee-satisfaction']).toMatchObject({
      value: 30 / 40,
      previous: 0.8,
      trend: 'worse',
      target: { operator: '>=', value: 0.85 },
      missed: true,
    });
    expect(body.missed).toBe(body.figures.filter((x) => x.missed).length);
  });

  it("narrows every service's figures to one store", async () => {
    const res = await training.request('GET', `/api/v1/admin/company-scorecard?${NOVEMBER}&storeId=SH-001`, {
      as: 'lead',
    });
    const f = Object.fromEntries(res.json<{ figures: Figure[] }>().figures.map((x) => [x.figure, x]));
    expect(f['complaint-rate']).toMatchObject({ numerator: 1, denominator: 50 });
    expect(f['training-coverage']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(f['employee-satisfaction']).toMatchObject({ value: 0.9, missed: false });
  });

  it('is the lead of training’s and admins’ only', async () => {
    expect(
      (await training.request('GET', '/api/v1/admin/company-scorecard', { as: 'lead', dept: 'complaints' }))
        .statusCode,
    ).toBe(403);
    const bad = await training.request('GET', '/api/v1/admin/company-scorecard?storeId=', { as: 'admin' });
    expect(bad.statusCode).toBe(400);
  });
});
