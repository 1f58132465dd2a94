import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { eventEnvelope, ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { trainingService } from '../src/service';
import { createCourse, deliver as deliverTo, hire } from './support';

const NOW = '2026-11-20T02:00:00.000Z';

describe('remedial training (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  const courses: Record<string, string> = {};

  const deliver = (env: { id: string; type: string }) => deliverTo(h, env);
  const remedial = (employeeId: string) =>
    h.sql<{ course_id: string; cause: string; reason: string; due_at: Date }>(
      `SELECT course_id, cause, reason, due_at FROM enrollment WHERE employee_id = $1 AND reason = 'remedial' ORDER BY created_at, cause`,
      [employeeId],
    );

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    for (const code of ['fitting-room-service', 'complaint-deadlines', 'service-etiquette'])
      courses[code] = await createCourse(h, code, { format: 'role-play', points: 1 });
    const policy = await h.request('PUT', '/api/v1/admin/policies/remedial', {
      as: 'lead',
      body: {
        rules: [
          { kind: 'audit-touchpoint', code: 'fitting-room', courseId: courses['fitting-room-service'] },
          { kind: 'sla-breaches', code: 'any', courseId: courses['complaint-deadlines'] },
          { kind: 'low-satisfaction', code: 'any', courseId: courses['service-etiquette'] },
          { kind: 'complaint-cause', code: 'staff-attitude', courseId: courses['service-etiquette'] },
        ],
        breachThreshold: 2,
        satisfactionThresholdPct: 80,
        satisfactionMinResponses: 3,
        dueDays: 30,
      },
    });
    expect(policy.statusCode).toBe(200);
    for (const employeeId of ['R1', 'R2', 'R3']) await hire(h, employeeId, { storeId: `ST-${employeeId}` });
    const left = await h.request('POST', '/api/v1/employees/R3/leave', {
      as: 'system',
      body: { leftAt: NOW },
    });
    expect(left.statusCode).toBe(200);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('enrols the staff observed at a failed audit item once per item, with the event; not a leaver', async () => {
    const auditId = randomUUID();
    const data = {
      auditId,
      storeId: 'SH-001',
      employeeIds: ['R1', 'R2', 'NOT-SYNCED', 'R3'],
      passed: false,
      failedItems: [{ itemId: 'FR-03', touchpoint: 'fitting-room' }],
      completedAt: '2026-11-19T03:00:00Z',
    };
    await deliver(eventEnvelope(Subjects.surveys.auditCompleted, data));
    for (const id of ['R1', 'R2'])
      expect(await remedial(id)).toEqual([
        {
          course_id: courses['fitting-room-service'],
          cause: `audit:${auditId}:FR-03`,
          reason: 'remedial',
          due_at: new Date('2026-12-20T02:00:00.000Z'),
        },
      ]);
    const events = (await h.outbox(Subjects.training.enrollmentCreated)).filter(
      (e) => e.data.reason === 'remedial',
    );
    expect(events.map((e) => e.data.employeeId).sort()).toEqual(['R1', 'R2']);
    // each event names the employee's own store, not the audited one
    expect(events.map((e) => `${e.data.employeeId}@${e.data.storeId}`).sort()).toEqual([
      'R1@ST-R1',
      'R2@ST-R2',
    ]);
    expect(await remedial('R3')).toEqual([]);

    // R1 completes it; the same audit sent again (a new message) enrols nobody a second time.
    const [e1] = (await h.request('GET', '/api/v1/employees/R1/enrollments', { as: 'lead' })).json();
    await h.request('POST', `/api/v1/enrollments/${e1.id}/completion`, {
      as: 'system',
      body: { completedAt: NOW },
    });
    await deliver(eventEnvelope(Subjects.surveys.auditCompleted, data));
    expect(await remedial('R1')).toHaveLength(1);
    expect(await remedial('R2')).toHaveLength(1);
  });

  it('enrols an employee once when breaches of the month reach the threshold', async () => {
    const breach = (at: string) =>
      eventEnvelope(Subjects.complaints.complaintSlaBreached, {
        complaintId: randomUUID(),
        ownerId: 'R2',
        storeId: 'SH-001',
        breachedAt: at,
      });
    const deadlines = async () =>
      (await remedial('R2'))
        .filter((e) => e.course_id === courses['complaint-deadlines'])
        .map((e) => e.cause);
    await deliver(breach('2026-11-10T01:00:00Z'));
    expect(await deadlines()).toEqual([]);
    await deliver(breach('2026-11-11T01:00:00Z'));
    expect(await deadlines()).toEqual(['sla-breaches:2026-11']);
    await deliver(breach('2026-11-12T01:00:00Z'));
    expect(await deadlines()).toEqual(['sla-breaches:2026-11']);
  });

  it('enrols an employee once when satisfaction of the month falls below the threshold', async () => {
    const answer = (satisfied: boolean) =>
      eventEnvelope(Subjects.surveys.responseSubmitted, {
        responseId: randomUUID(),
        employeeId: 'R1',
        storeId: 'SH-001',
        satisfied,
        submittedAt: '2026-11-15T03:00:00Z',
      });
    const etiquette = async () =>
      (await remedial('R1')).filter((e) => e.course_id === courses['service-etiquette']).map((e) => e.cause);
    await deliver(answer(false));
    await deliver(answer(false));
    expect(await etiquette()).toEqual([]); // two answers: too few to judge
    await deliver(answer(true));
    expect(await etiquette()).toEqual(['low-satisfaction:2026-11']);
    await deliver(answer(false));
    expect(await etiquette()).toEqual(['low-satisfaction:2026-11']);
  });

  it('enrols the employee a complaint was about when it is resolved with a cause tied to a course, once', async () => {
    const complaintId = randomUUID();
    const resolved = (causeCode: string) =>
      eventEnvelope(Subjects.complaints.complaintResolved, {
        complaintId,
        employeeId: 'R2',
        ownerId: 'R1',
        storeId: 'SH-001',
        causeCode,
        resolvedAt: '2026-11-18T03:00:00Z',
      });
    const etiquette = async () =>
      (await remedial('R2')).filter((e) => e.course_id === courses['service-etiquette']).map((e) => e.cause);
    await deliver(resolved('product-quality')); // no course tied to this cause
    expect(await etiquette()).toEqual([]);
    await deliver(resolved('staff-attitude'));
    await deliver(resolved('staff-attitude'));
    expect(await etiquette()).toEqual([`complaint:${complaintId}:staff-attitude`]);
  });

  it('refuses a mapping naming an unknown course or a cause twice (400 naming the field), 401 and 403', async () => {
    const base = {
      breachThreshold: 2,
      satisfactionThresholdPct: 80,
      satisfactionMinResponses: 3,
      dueDays: 30,
    };
    const unknown = await h.request('PUT', '/api/v1/admin/policies/remedial', {
      as: 'lead',
      body: { ...base, rules: [{ kind: 'complaint-cause', code: 'rude-staff', courseId: randomUUID() }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('rules.0.courseId');
    const rule = { kind: 'complaint-cause', code: 'rude-staff', courseId: courses['service-etiquette'] };
    const twice = await h.request('PUT', '/api/v1/admin/policies/remedial', {
      as: 'lead',
      body: { ...base, rules: [rule, rule] },
    });
    expect(twice.json().errors[0].field).toBe('rules.1.code');
    expect((await h.request('GET', '/api/v1/admin/policies/remedial')).statusCode).toBe(401);
    expect((await h.request('GET', '/api/v1/admin/policies/remedial', { as: 'system' })).statusCode).toBe(
      403,
    );
  });
});
