import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { trainingService } from '../src/service';

// 2026-11-02 00:00:00 in Shanghai: staff hired on 2026-08-01 are 3 months and 1 day in.
const NOW = '2026-11-01T16:00:00.000Z';

describe('coverage of the service-process training (real Postgres and NATS)', () => {
  let h: ServiceHarness;

  const hire = async (employeeId: string, storeId: string, hireDate: string) => {
    const body = {
      employeeId,
      name: 'Zhao Min',
      storeId,
      department: 'sales',
      role: 'sales-associate',
      hireDate,
    };
    expect((await h.request('POST', '/api/v1/employees', { as: 'system', body })).statusCode).toBe(201);
    const [e] = (
      await h.request('GET', `/api/v1/employees/${employeeId}/enrollments`, { as: 'lead' })
    ).json();
    return e.id as string;
  };
  const pass = (enrollmentId: string, takenAt: string) =>
    h.request('POST', `/api/v1/enrollments/${enrollmentId}/attempts`, {
      as: 'system',
      body: { score: 90, takenAt },
    });

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    await h.request('POST', '/api/v1/admin/courses', {
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
    await pass(await hire('E-A', 'SH-001', '2026-08-01'), '2026-10-01T00:00:00Z');
    await hire('E-B', 'SH-001', '2026-08-01');
    await hire('E-C', 'SH-001', '2026-09-15');
    // Completed at the first instant of 2 Nov in Shanghai: one instant too late.
    await pass(await hire('E-D', 'SH-002', '2026-08-01'), NOW);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('gives the share trained in time for deadlines in the period, per store and department', async () => {
    const res = await h.request('GET', '/api/v1/admin/coverage?from=2026-11-01&to=2026-12-01', {
      as: 'lead',
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ due: 3, covered: 1, rate: 1 / 3, meetsTarget: false, target: 1 });
    expect(r.from).toBe('2026-10-31T16:00:00.000Z');
    expect(r.byStore).toEqual([
      { key: 'SH-001', due: 2, covered: 1, rate: 0.5, meetsTarget: false },
      { key: 'SH-002', due: 1, covered: 0, rate: 0, meetsTarget: false },
    ]);
    expect(r.byDepartment).toEqual([{ key: 'sales', due: 3, covered: 1, rate: 1 / 3, meetsTarget: false }]);
    const store = await h.request(
      'GET',
      '/api/v1/admin/coverage?from=2026-11-01&to=2026-12-01&storeId=SH-001',
      {
        as: 'lead',
      },
    );
    expect(store.json()).toMatchObject({ due: 2, covered: 1 });
  });

  it('lists who is overdue: hired 3 months + 1 day ago without the course', async () => {
    const res = await h.request('GET', '/api/v1/admin/coverage/overdue', { as: 'lead' });
    expect(res.json()).toEqual([
      { employeeId: 'E-B', storeId: 'SH-001', department: 'sales', hireDate: '2026-08-01', dueAt: NOW },
    ]);
  });

  it('filters who is overdue by store and department, and refuses a period or a malformed filter', async () => {
    const get = (query: string) =>
      h.request('GET', `/api/v1/admin/coverage/overdue?${query}`, { as: 'lead' });
    expect((await get('storeId=SH-001&department=sales')).json()).toHaveLength(1);
    expect((await get('storeId=SH-002')).json()).toEqual([]);
    expect((await get('department=logistics')).json()).toEqual([]);
    const bad = await get('department=Not%20a%20code');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['department']);
    const period = await get('from=2026-11-01');
    expect(period.statusCode).toBe(400);
    expect(period.json().errors.map((e: { field: string }) => e.field)).toEqual(['from']);
  });

  it('one second earlier nobody is overdue yet', async () => {
    h.clock.set(new Date('2026-11-01T15:59:59.000Z'));
    try {
      expect((await h.request('GET', '/api/v1/admin/coverage/overdue', { as: 'lead' })).json()).toEqual([]);
    } finally {
      h.clock.set(new Date(NOW));
    }
  });

  it('answers 400 naming the field for a backwards period, 401 and 403', async () => {
    const res = await h.request('GET', '/api/v1/admin/coverage?from=2026-12-01&to=2026-11-01', {
      as: 'lead',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('to');
    expect((await h.request('GET', '/api/v1/admin/coverage')).statusCode).toBe(401);
    expect((await h.request('GET', '/api/v1/admin/coverage', { as: 'agent' })).statusCode).toBe(403);
  });
});
