import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { trainingService } from '../src/service';

const NOW = '2026-11-01T02:00:00.000Z';
const URL = '/api/v1/employees';
let n = 0;
const valid = (over: Record<string, unknown> = {}) => {
  n += 1;
  return {
    employeeId: `E${randomUUID().slice(0, 6)}${n}`,
    name: 'Wang Fang',
    workEmail: `staff.${randomUUID().slice(0, 8)}@example.com`,
    storeId: 'SH-001',
    department: 'sales',
    role: 'sales-associate',
    hireDate: '2026-03-02',
    ...over,
  };
};

describe('employees (real Postgres and NATS)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('creates an employee from HR, masked in the answer, encrypted in the table', async () => {
    const body = valid();
    const res = await h.request('POST', URL, { as: 'system', body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: body.employeeId,
      masked: true,
      name: null,
      workEmail: null,
      storeId: 'SH-001',
      hireDate: '2026-03-02',
      status: 'active',
      leftAt: null,
    });
    const [row] = await h.sql<{ name: string; work_email: string; work_email_hash: string }>(
      'SELECT name, work_email, work_email_hash FROM employee WHERE id = $1',
      [body.employeeId],
    );
    expect(row.name).toMatch(/^v1\./);
    expect(row.work_email).toMatch(/^v1\./);
    expect(row.work_email_hash).toMatch(/^[0-9a-f]{64}$/);
    // Its first assignment starts at local midnight of the hire date (Asia/Shanghai by default).
    expect(
      await h.sql('SELECT store_id, from_at, to_at FROM employee_assignment WHERE employee_id = $1', [
        body.employeeId,
      ]),
    ).toEqual([{ store_id: 'SH-001', from_at: new Date('2026-03-01T16:00:00.000Z'), to_at: null }]);
    // Sent again: 200, unchanged.
    expect((await h.request('POST', URL, { as: 'system', body })).statusCode).toBe(200);
  });

  it('shows name and email to a lead who states a purpose, and audits the read first', async () => {
    const body = valid();
    await h.request('POST', URL, { as: 'system', body });
    const noPurpose = await h.request('GET', `${URL}/${body.employeeId}`, { as: 'lead' });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().errors.map((e: { field: string }) => e.field)).toEqual(['purpose']);
    const res = await h.request('GET', `${URL}/${body.employeeId}?purpose=certificate`, { as: 'lead' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ masked: false, name: 'Wang Fang', workEmail: body.workEmail });
    const audit = await h.sql<{ action: string; fields: string[]; purpose: string | null }>(
      `SELECT action, fields, purpose FROM audit_log WHERE subject_type = 'employee' AND subject_id = $1 ORDER BY id`,
      [body.employeeId],
    );
    expect(audit).toEqual([
      { action: 'update', fields: ['name', 'workEmail'], purpose: 'hr sync' },
      { action: 'read', fields: ['name', 'workEmail'], purpose: 'certificate' },
    ]);
  });

  it('keeps a move between stores as history, dated when it took effect', async () => {
    const body = valid();
    await h.request('POST', URL, { as: 'system', body });
    const moved = await h.request('POST', URL, {
      as: 'system',
      body: { ...body, storeId: 'SH-002', changedAt: '2026-10-01T00:00:00+08:00' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().storeId).toBe('SH-002');
    const history = await h.request('GET', `${URL}/${body.employeeId}/assignments`, { as: 'lead' });
    expect(history.json()).toEqual([
      expect.objectContaining({
        storeId: 'SH-001',
        fromAt: '2026-03-01T16:00:00.000Z',
        toAt: '2026-09-30T16:00:00.000Z',
      }),
      expect.objectContaining({ storeId: 'SH-002', fromAt: '2026-09-30T16:00:00.000Z', toAt: null }),
    ]);
    // A move dated before the current assignment started would rewrite history: refused.
    const back = await h.request('POST', URL, {
      as: 'system',
      body: { ...body, storeId: 'SH-003', changedAt: '2026-09-01T00:00:00+08:00' },
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].field).toBe('changedAt');
  });

  it('takes leavers out of the current list and keeps them in history; a rejoin opens a new assignment', async () => {
    const body = valid({ storeId: 'BJ-LEAVE' });
    await h.request('POST', URL, { as: 'system', body });
    const left = await h.request('POST', `${URL}/${body.employeeId}/leave`, {
      as: 'system',
      body: { leftAt: '2026-10-31T18:00:00+08:00' },
    });
    expect(left.statusCode).toBe(200);
    expect(left.json()).toMatchObject({ status: 'left', leftAt: '2026-10-31T10:00:00.000Z' });
    expect(
      (
        await h.request('POST', `${URL}/${body.employeeId}/leave`, {
          as: 'system',
          body: { leftAt: '2026-10-31T18:00:00+08:00' },
        })
      ).json().code,
    ).toBe('EMPLOYEE_ALREADY_LEFT');
    const current = await h.request('GET', `${URL}?storeId=BJ-LEAVE`, { as: 'lead' });
    expect(current.json().items).toEqual([]);
    const all = await h.request('GET', `${URL}?storeId=BJ-LEAVE&includeLeft=true`, { as: 'lead' });
    expect(all.json().items.map((e: { id: string }) => e.id)).toEqual([body.employeeId]);

    h.clock.advance(60_000);
    const back = await h.request('POST', URL, { as: 'system', body });
    expect(back.json()).toMatchObject({ status: 'active', leftAt: null });
    const history = (await h.request('GET', `${URL}/${body.employeeId}/assignments`, { as: 'lead' })).json();
    expect(history.map((a: { toAt: string | null }) => a.toAt)).toEqual(['2026-10-31T10:00:00.000Z', null]);
  });

  it('bulk: each record accepted or refused with its reason, the others written', async () => {
    const a = valid();
    const b = valid();
    const c = valid();
    for (const body of [b, c]) await h.request('POST', URL, { as: 'system', body });
    const res = await h.request('POST', `${URL}/bulk`, {
      as: 'system',
      body: {
        employees: [
          a,
          { ...b, role: 'store-manager' },
          c,
          valid({ workEmail: a.workEmail }),
          valid({ hireDate: '2026-02-30', extra: 1 }),
          'not an object',
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ created: 1, updated: 1, unchanged: 1, refused: 3 });
    expect(out.items.map((i: { status: string }) => i.status)).toEqual([
      'created',
      'updated',
      'unchanged',
      'refused',
      'refused',
      'refused',
    ]);
    expect(out.items[3].reason.code).toBe('email-taken');
    expect(out.items[4].reason.code).toBe('invalid');
    expect(out.items[4].reason.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'hireDate',
    ]);
    expect(await h.sql('SELECT role FROM employee WHERE id = $1', [b.employeeId])).toEqual([
      { role: 'store-manager' },
    ]);
    expect(
      await h.sql('SELECT count(*)::int AS n FROM employee WHERE id = $1', [out.items[3].employeeId]),
    ).toEqual([{ n: 0 }]);
  });

  it('answers 409 for a work email of another employee, 400 naming fields, 404, 401 and 403', async () => {
    const a = valid();
    await h.request('POST', URL, { as: 'system', body: a });
    const taken = await h.request('POST', URL, {
      as: 'system',
      body: valid({ workEmail: a.workEmail.toUpperCase() }),
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('EMPLOYEE_EMAIL_TAKEN');
    const bad = await h.request('POST', URL, {
      as: 'system',
      body: valid({ department: 'Not A Code', hireDate: '2026-3-2' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['department', 'hireDate']);
    const missing = await h.request('GET', `${URL}/E-404?purpose=x`, { as: 'lead' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('EMPLOYEE_NOT_FOUND');
    expect((await h.request('GET', URL)).statusCode).toBe(401);
    expect((await h.request('POST', URL, { as: 'agent', body: valid() })).statusCode).toBe(403);
  });
});
