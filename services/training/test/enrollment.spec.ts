import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { trainingService } from '../src/service';

const NOW = '2026-11-01T02:00:00.000Z';
let n = 0;
const employee = (over: Record<string, unknown> = {}) => {
  n += 1;
  return {
    employeeId: `E${randomUUID().slice(0, 6)}${n}`,
    name: 'Li Lei',
    storeId: 'SH-001',
    department: 'sales',
    role: 'sales-associate',
    hireDate: '2026-08-01',
    ...over,
  };
};
const course = (over: Record<string, unknown> = {}) => ({
  code: `c-${randomUUID().slice(0, 8)}`,
  title: 'A course',
  topic: 'service-etiquette',
  format: 'role-play',
  durationMinutes: 60,
  points: 5,
  ...over,
});

describe('courses, enrolments and training records (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let serviceProcess: { id: string };

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    const res = await h.request('POST', '/api/v1/admin/courses', {
      as: 'lead',
      body: course({
        topic: 'service-process',
        serviceProcess: true,
        passingScore: 80,
        maxAttempts: 3,
        points: 10,
      }),
    });
    expect(res.statusCode).toBe(201);
    serviceProcess = res.json();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const hire = async (over: Record<string, unknown> = {}) => {
    const body = employee(over);
    expect((await h.request('POST', '/api/v1/employees', { as: 'system', body })).statusCode).toBe(201);
    return body.employeeId;
  };
  const enrollmentsOf = async (id: string) =>
    (await h.request('GET', `/api/v1/employees/${id}/enrollments`, { as: 'lead' })).json();

  it('enrols a new hire in the service-process courses, due at the end of the day 3 months after hire, with the event', async () => {
    const id = await hire();
    const [e] = await enrollmentsOf(id);
    expect(e).toMatchObject({
      courseId: serviceProcess.id,
      reason: 'plan',
      status: 'enrolled',
      // 2026-11-01 ends at 2026-11-02 00:00 in Shanghai.
      dueAt: '2026-11-01T16:00:00.000Z',
    });
    const events = (await h.outbox(Subjects.training.enrollmentCreated)).filter(
      (x) => x.data.employeeId === id,
    );
    expect(events.map((x) => x.data)).toEqual([
      {
        enrollmentId: e.id,
        employeeId: id,
        storeId: 'SH-001',
        courseId: serviceProcess.id,
        reason: 'plan',
        dueAt: '2026-11-01T16:00:00.000Z',
        createdAt: NOW,
      },
    ]);
    // HR sending the same record again enrols nobody twice.
    await h.request('POST', '/api/v1/employees', { as: 'system', body: { ...employee(), employeeId: id } });
    expect(await enrollmentsOf(id)).toHaveLength(1);
  });

  it('completes a course by passing its assessment, and the course points are earned once', async () => {
    const id = await hire();
    const [e] = await enrollmentsOf(id);
    const url = `/api/v1/enrollments/${e.id}/attempts`;
    const fail = await h.request('POST', url, { as: 'system', body: { score: 79, takenAt: NOW } });
    expect(fail.json()).toMatchObject({ status: 'enrolled' });
    const pass = await h.request('POST', url, { as: 'system', body: { score: 80, takenAt: NOW } });
    expect(pass.json()).toMatchObject({ status: 'completed', completedAt: NOW });
    const again = await h.request('POST', url, { as: 'system', body: { score: 90, takenAt: NOW } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ENROLLMENT_CLOSED');
    expect(await h.sql('SELECT points FROM points_entry WHERE employee_id = $1', [id])).toEqual([
      { points: 10 },
    ]);
  });

  it('does not reset attempts when an employee leaves a course and enrols again', async () => {
    const id = await hire();
    const once = (
      await h.request('POST', '/api/v1/admin/courses', {
        as: 'lead',
        body: course({ passingScore: 60, maxAttempts: 1 }),
      })
    ).json();
    const first = await h.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId: id, courseId: once.id },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ reason: 'manual', status: 'enrolled' });
    const twice = await h.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId: id, courseId: once.id },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ENROLLMENT_EXISTS');
    const failed = await h.request('POST', `/api/v1/enrollments/${first.json().id}/attempts`, {
      as: 'lead',
      body: { score: 10, takenAt: NOW },
    });
    expect(failed.json().status).toBe('failed');
    const rejoin = await h.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId: id, courseId: once.id },
    });
    expect(rejoin.statusCode).toBe(201);
    const refused = await h.request('POST', `/api/v1/enrollments/${rejoin.json().id}/attempts`, {
      as: 'lead',
      body: { score: 100, takenAt: NOW },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ATTEMPTS_EXHAUSTED');
  });

  it('records attendance and the completion of a course without assessment', async () => {
    const id = await hire();
    const plain = (await h.request('POST', '/api/v1/admin/courses', { as: 'lead', body: course() })).json();
    const e = (
      await h.request('POST', '/api/v1/enrollments', {
        as: 'lead',
        body: { employeeId: id, courseId: plain.id },
      })
    ).json();
    const attended = await h.request('POST', `/api/v1/enrollments/${e.id}/attendance`, {
      as: 'system',
      body: { attendedAt: '2026-10-30T10:00:00+08:00' },
    });
    expect(attended.json().attendedAt).toBe('2026-10-30T02:00:00.000Z');
    const assessed = await h.request('POST', `/api/v1/enrollments/${e.id}/attempts`, {
      as: 'system',
      body: { score: 100, takenAt: NOW },
    });
    expect(assessed.json().code).toBe('NO_ASSESSMENT');
    const done = await h.request('POST', `/api/v1/enrollments/${e.id}/completion`, {
      as: 'system',
      body: { completedAt: NOW },
    });
    expect(done.json()).toMatchObject({ status: 'completed', completedAt: NOW });
  });

  it('answers 400 naming fields, 404, 409 for codes and leavers, 401 and 403', async () => {
    const bad = await h.request('POST', '/api/v1/admin/courses', {
      as: 'lead',
      body: course({ format: 'lecture', maxAttempts: 2 }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['format']);
    const noAssessment = await h.request('POST', '/api/v1/admin/courses', {
      as: 'lead',
      body: course({ maxAttempts: 2 }),
    });
    expect(noAssessment.json().errors.map((e: { field: string }) => e.field)).toEqual(['maxAttempts']);
    const c = course();
    await h.request('POST', '/api/v1/admin/courses', { as: 'lead', body: c });
    expect((await h.request('POST', '/api/v1/admin/courses', { as: 'lead', body: c })).json().code).toBe(
      'COURSE_CODE_TAKEN',
    );
    const ahead = await h.request('POST', `/api/v1/enrollments/${randomUUID()}/attempts`, {
      as: 'lead',
      body: { score: 1, takenAt: '2026-11-02T00:00:00Z' },
    });
    expect(ahead.json().errors[0].field).toBe('takenAt');
    expect((await h.request('GET', `/api/v1/admin/courses/${randomUUID()}`, { as: 'lead' })).statusCode).toBe(
      404,
    );
    const unknown = await h.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId: 'E-NOBODY', courseId: serviceProcess.id },
    });
    expect(unknown.statusCode).toBe(404);
    const id = await hire();
    await h.request('POST', `/api/v1/employees/${id}/leave`, { as: 'system', body: { leftAt: NOW } });
    const left = await h.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId: id, courseId: serviceProcess.id },
    });
    expect(left.statusCode).toBe(409);
    expect(left.json().code).toBe('ENROLLMENT_EMPLOYEE_LEFT');
    const notUuid = await h.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId: id, courseId: c.code },
    });
    expect(notUuid.json().errors[0].field).toBe('courseId');
    expect((await h.request('GET', '/api/v1/admin/courses')).statusCode).toBe(401);
    expect((await h.request('POST', '/api/v1/enrollments', { as: 'agent', body: {} })).statusCode).toBe(403);
    expect((await h.request('GET', '/api/v1/admin/courses', { as: 'lead', dept: 'crm' })).statusCode).toBe(
      403,
    );
  });
});
