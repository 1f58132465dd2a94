import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { CertificationJobs } from '../src/certification/certification.jobs';
import { trainingService } from '../src/service';
import { hire } from './support';

const NOW = '2026-11-01T02:00:00.000Z';
// 12 months after NOW, and the reminder 30 days before.
const EXPIRES = '2027-11-01T02:00:00.000Z';
const REMIND = '2027-10-02T02:00:00.000Z';

describe('certifications and recertification reminders (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let courseId: string;

  const certify = async (employeeId: string) => {
    await hire(h, employeeId, { department: 'service', role: 'advisor' });
    const e = (
      await h.request('POST', '/api/v1/enrollments', { as: 'lead', body: { employeeId, courseId } })
    ).json();
    await h.request('POST', `/api/v1/enrollments/${e.id}/completion`, {
      as: 'system',
      body: { completedAt: NOW },
    });
  };
  const reminders = async (employeeId: string) =>
    (await h.outbox(Subjects.training.enrollmentCreated)).filter(
      (x) => x.data.employeeId === employeeId && x.data.reason === 'plan',
    );

  beforeAll(async () => {
    h = await startService(trainingService, {
      clock: new ManualClock(NOW),
      env: { CERTIFICATION_SWEEP_INTERVAL_MS: '3600000' },
    });
    courseId = (
      await h.request('POST', '/api/v1/admin/courses', {
        as: 'lead',
        body: {
          code: 'electrical-safety',
          title: 'Electrical safety',
          topic: 'law-compliance',
          format: 'external',
          durationMinutes: 240,
          points: 20,
          certificationValidMonths: 12,
        },
      })
    ).json().id;
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('certifies on completion and enrols again for recertification when the reminder falls due, once', async () => {
    await certify('C1');
    const [cert] = (await h.request('GET', '/api/v1/employees/C1/certifications', { as: 'lead' })).json();
    expect(cert).toMatchObject({
      courseId,
      certifiedAt: NOW,
      expiresAt: EXPIRES,
      remindAt: REMIND,
      state: 'valid',
    });

    const jobs = h.get(CertificationJobs);
    expect(await jobs.remindOnce(new Date(new Date(REMIND).getTime() - 1))).toBe(0);
    expect(await jobs.remindOnce(new Date(REMIND))).toBe(1);
    expect(await jobs.remindOnce(new Date(REMIND))).toBe(0);
    const sent = await reminders('C1');
    expect(sent.map((x) => x.data.dueAt)).toEqual([EXPIRES]);

    h.clock.set(new Date(REMIND));
    try {
      const [now] = (await h.request('GET', '/api/v1/employees/C1/certifications', { as: 'lead' })).json();
      expect(now).toMatchObject({ state: 'expiring', remindedAt: REMIND });
    } finally {
      h.clock.set(new Date(NOW));
    }
  });

  it('sends each reminder once when two replicas sweep at the same time', async () => {
    for (const id of ['C2', 'C3', 'C4']) await certify(id);
    const b = await h.replica();
    const counts = await Promise.all([
      h.get(CertificationJobs).remindOnce(new Date(REMIND)),
      b.app.get(CertificationJobs).remindOnce(new Date(REMIND)),
    ]);
    expect(counts[0] + counts[1]).toBe(3);
    for (const id of ['C2', 'C3', 'C4']) expect(await reminders(id)).toHaveLength(1);
  });

  it('answers 404 for an unknown employee, 401 and 403', async () => {
    expect(
      (await h.request('GET', '/api/v1/employees/NOBODY/certifications', { as: 'lead' })).statusCode,
    ).toBe(404);
    expect((await h.request('GET', '/api/v1/employees/C1/certifications')).statusCode).toBe(401);
    expect((await h.request('GET', '/api/v1/employees/C1/certifications', { as: 'agent' })).statusCode).toBe(
      403,
    );
  });
});
