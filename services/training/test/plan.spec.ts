import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { trainingService } from '../src/service';
import { createCourse, hire } from './support';

const NOW = '2026-11-01T02:00:00.000Z';

describe('yearly training plans (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  const course: Record<string, string> = {};

  const hireIn = (employeeId: string, storeId: string, department: string) =>
    hire(h, employeeId, { storeId, department, role: 'cashier' });
  type Enrolment = { courseId: string; reason: string; dueAt: string };
  const planCourses = async (id: string) =>
    (await h.request('GET', `/api/v1/employees/${id}/enrollments`, { as: 'lead' }))
      .json<Enrolment[]>()
      .filter((e) => e.reason === 'plan')
      .map((e) => [e.courseId, e.dueAt]);

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    for (const code of ['till-procedures', 'etiquette-refresher'])
      course[code] = await createCourse(h, code, { durationMinutes: 30, points: 2 });
    await hireIn('P1', 'SH-001', 'sales');
    await hireIn('P2', 'SH-002', 'sales');
    await hireIn('P3', 'SH-001', 'service');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it("enrols the plan's current staff in the courses not yet due, with the event", async () => {
    const res = await h.request('POST', '/api/v1/admin/plans', {
      as: 'lead',
      body: {
        code: 'sales-2026',
        year: 2026,
        title: 'Sales floor 2026',
        kind: 'on-job',
        department: 'sales',
        courses: [
          { courseId: course['till-procedures'], dueOn: '2026-12-31' },
          { courseId: course['etiquette-refresher'], dueOn: '2026-06-30' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'sales-2026', department: 'sales', storeId: null, enrolled: 2 });
    // Due at the end of 31 Dec in Shanghai; the June course is past and enrols nobody.
    for (const id of ['P1', 'P2'])
      expect(await planCourses(id)).toEqual([[course['till-procedures'], '2026-12-31T16:00:00.000Z']]);
    expect(await planCourses('P3')).toEqual([]);
    const events = (await h.outbox(Subjects.training.enrollmentCreated)).filter(
      (e) => e.data.reason === 'plan',
    );
    expect(events.map((e) => e.data.employeeId).sort()).toEqual(['P1', 'P2']);
  });

  it('enrols a new hire of the audience in this year’s plans', async () => {
    await hireIn('P4', 'SH-003', 'sales');
    expect(await planCourses('P4')).toEqual([[course['till-procedures'], '2026-12-31T16:00:00.000Z']]);
    const [plan] = (await h.request('GET', '/api/v1/admin/plans', { as: 'lead' })).json();
    expect(plan).toMatchObject({ code: 'sales-2026', year: 2026, kind: 'on-job' });
  });

  it('answers 400 for a due date outside the year, 409 for a taken code, 401 and 403', async () => {
    const body = {
      code: 'sales-2026',
      year: 2026,
      title: 'Again',
      kind: 'rotation',
      courses: [{ courseId: course['till-procedures'], dueOn: '2027-01-31' }],
    };
    const outside = await h.request('POST', '/api/v1/admin/plans', { as: 'lead', body });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].field).toBe('courses.0.dueOn');
    const taken = await h.request('POST', '/api/v1/admin/plans', {
      as: 'lead',
      body: { ...body, courses: [{ courseId: course['till-procedures'], dueOn: '2026-12-01' }] },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('PLAN_CODE_TAKEN');
    expect((await h.request('GET', '/api/v1/admin/plans')).statusCode).toBe(401);
    expect((await h.request('GET', '/api/v1/admin/plans', { as: 'agent' })).statusCode).toBe(403);
  });
});
