import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { trainingService } from '../src/service';
import { createCourse, hire } from './support';

// Two stores, two zones: SH-001 keeps the default (Asia/Shanghai, UTC+8), BER-01 is set to Europe/Berlin
// (UTC+1 in November, UTC+2 in summer). Every deadline and expiry is a local date of the employee's store.
// 2026-11-02 00:00:00 in Berlin: staff hired there on 2026-08-01 are 3 months and 1 day in.
const NOW = '2026-11-01T23:00:00.000Z';
/** End of 2026-11-01 in Shanghai and in Berlin: the new-hire deadlines of a hire on 2026-08-01. */
const DUE_SH = '2026-11-01T16:00:00.000Z';
const DUE_BER = NOW;

describe('store time zones for hire dates, deadlines and expiry (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  const course: Record<string, string> = {};

  const enrollments = async (employeeId: string) =>
    (await h.request('GET', `/api/v1/employees/${employeeId}/enrollments`, { as: 'lead' })).json<
      { id: string; courseId: string; dueAt: string | null }[]
    >();
  const overdue = async () =>
    (await h.request('GET', '/api/v1/admin/coverage/overdue', { as: 'lead' }))
      .json<{ employeeId: string }[]>()
      .map((o) => o.employeeId)
      .sort();

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    const zone = await h.request('PUT', '/api/v1/admin/stores/BER-01/time-zone', {
      as: 'lead',
      body: { timeZone: 'Europe/Berlin' },
    });
    expect(zone.statusCode).toBe(200);
    course['service-process'] = await createCourse(h, 'service-process', { serviceProcess: true });
    course['till-safety'] = await createCourse(h, 'till-safety', { certificationValidMonths: 1 });
    await hire(h, 'E-SH', { storeId: 'SH-001', hireDate: '2026-08-01' });
    await hire(h, 'E-BER', { storeId: 'BER-01', hireDate: '2026-08-01' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('dates the new-hire deadline at the end of the day 3 months after hire in the store zone', async () => {
    const [sh] = await enrollments('E-SH');
    const [ber] = await enrollments('E-BER');
    expect(sh).toMatchObject({ courseId: course['service-process'], dueAt: DUE_SH });
    expect(ber).toMatchObject({ courseId: course['service-process'], dueAt: DUE_BER });
  });

  it('starts the first assignment at local midnight of the hire date in the store zone', async () => {
    const [sh] = (await h.request('GET', '/api/v1/employees/E-SH/assignments', { as: 'lead' })).json();
    const [ber] = (await h.request('GET', '/api/v1/employees/E-BER/assignments', { as: 'lead' })).json();
    expect(sh.fromAt).toBe('2026-07-31T16:00:00.000Z');
    // Berlin is on summer time (UTC+2) on 1 August.
    expect(ber.fromAt).toBe('2026-07-31T22:00:00.000Z');
  });

  it('lists the Berlin hire overdue at the first second of 2 Nov in Berlin, not one second earlier', async () => {
    expect(await overdue()).toEqual(['E-BER', 'E-SH']);
    h.clock.set(new Date(new Date(NOW).getTime() - 1000));
    try {
      expect(await overdue()).toEqual(['E-SH']);
    } finally {
      h.clock.set(new Date(NOW));
    }
  });

  it('dates plan courses at the end of the due date in each employee store zone', async () => {
    const res = await h.request('POST', '/api/v1/admin/plans', {
      as: 'lead',
      body: {
        code: 'zones-2026',
        year: 2026,
        title: 'Year end',
        kind: 'on-job',
        department: 'sales',
        courses: [{ courseId: course['till-safety'], dueOn: '2026-12-31' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const due = async (employeeId: string) =>
      (await enrollments(employeeId)).find((e) => e.courseId === course['till-safety'])?.dueAt;
    expect(await due('E-SH')).toBe('2026-12-31T16:00:00.000Z');
    expect(await due('E-BER')).toBe('2026-12-31T23:00:00.000Z');
  });

  it('counts certification months in the zone of the store at completion', async () => {
    // 2026-10-30T20:00Z is 31 Oct 04:00 in Shanghai (expires 30 Nov 04:00 local) but 30 Oct 21:00 in
    // Berlin (expires 30 Nov 21:00 local): the same instant, two local dates, two expiries.
    for (const employeeId of ['E-SH', 'E-BER']) {
      const e = (await enrollments(employeeId)).find((x) => x.courseId === course['till-safety'])!;
      const done = await h.request('POST', `/api/v1/enrollments/${e.id}/completion`, {
        as: 'system',
        body: { completedAt: '2026-10-30T20:00:00.000Z' },
      });
      expect(done.statusCode).toBe(200);
    }
    const expiry = async (employeeId: string) =>
      (await h.request('GET', `/api/v1/employees/${employeeId}/certifications`, { as: 'lead' })).json()[0]
        .expiresAt;
    expect(await expiry('E-SH')).toBe('2026-11-29T20:00:00.000Z');
    expect(await expiry('E-BER')).toBe('2026-11-30T20:00:00.000Z');
  });
  it('refuses a hire date more than a year ahead by local midnight of the store zone, to the second', async () => {
    // 2027-11-02 starts at 2027-11-01T16:00Z in Shanghai, 7 hours later in Berlin; 365 days before the
    // Shanghai start, the Shanghai hire is exactly a year ahead (accepted), the Berlin one more (refused).
    const record = (employeeId: string, storeId: string) => ({
      as: 'system' as const,
      body: {
        employeeId,
        name: 'Staff',
        storeId,
        department: 'sales',
        role: 'sales-associate',
        hireDate: '2027-11-02',
      },
    });
    try {
      h.clock.set(new Date('2026-11-01T15:59:59.000Z'));
      const early = await h.request('POST', '/api/v1/employees', record('F-SH', 'SH-001'));
      expect(early.statusCode).toBe(400);
      expect(early.body).toContain('hireDate');
      h.clock.set(new Date('2026-11-01T16:00:00.000Z'));
      expect((await h.request('POST', '/api/v1/employees', record('F-SH', 'SH-001'))).statusCode).toBe(201);
      const ber = await h.request('POST', '/api/v1/employees', record('F-BER', 'BER-01'));
      expect(ber.statusCode).toBe(400);
      expect(ber.body).toContain('hireDate');
      const bulk = await h.request('POST', '/api/v1/employees/bulk', {
        as: 'system',
        body: { employees: [record('F-BER', 'BER-01').body] },
      });
      expect(bulk.json()).toMatchObject({
        refused: 1,
        items: [{ reason: { errors: [{ field: 'hireDate' }] } }],
      });
    } finally {
      h.clock.set(new Date(NOW));
    }
  });
});
