// The departments' improvement measures answering a CX report (seed 003 6.5, PDCA): each lead answers
// for their own department, and the next report shows each measure beside its KPI before and after.
import { ManualClock } from '@cx/platform';
import { pdfPageTexts, ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { surveysService } from '../src/service';
import { answerOffline, setUpQuestionnaire } from './support';

const URL = '/api/v1/improvement-measures';

describe('improvement-measures (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let october: string;

  const measure = (over: Record<string, unknown> = {}) => ({
    reportId: october,
    department: 'complaints',
    goal: '每日晨会复盘超时工单，满意度回到 90% 以上',
    ownerId: 'E10023',
    dueDate: '2026-11-30',
    kpi: 'satisfaction',
    ...over,
  });

  const answer = (questionnaireId: string, ...scores: number[]) =>
    answerOffline(h, { questionnaireId, storeId: 'SH-001' }, ...scores);

  beforeAll(async () => {
    h = await startService(surveysService, {
      clock: new ManualClock('2026-10-10T02:00:00Z'),
      env: { CX_REPORT_INTERVAL_MS: '86400000' },
    });
    const { questionnaireId } = await setUpQuestionnaire(h);
    await answer(questionnaireId, 5, 2); // October: 1 of 2 satisfied
    h.clock.set('2026-11-10T02:00:00Z');
    await answer(questionnaireId, 5, 5, 4, 1); // November: 3 of 4
    const res = await h.request('POST', '/api/v1/cx-reports', {
      as: 'lead',
      body: { period: 'month', label: '2026-10' },
    });
    expect(res.statusCode).toBe(201);
    october = res.json().id;
  }, 120_000);

  afterAll(() => h?.stop());

  it('takes a lead’s measure for their own department, with an Idempotency-Key', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const res = await h.request('POST', URL, { as: 'lead', dept: 'complaints', body: measure(), headers });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      reportId: october,
      department: 'complaints',
      ownerId: 'E10023',
      dueDate: '2026-11-30',
      kpi: 'satisfaction',
      status: 'planned',
      nextStatuses: ['in-progress', 'done', 'dropped'],
      createdBy: 'u-lead',
    });
    expect(res.headers.location).toBe(`${URL}/${created.id}`);
    const again = await h.request('POST', URL, { as: 'lead', dept: 'complaints', body: measure(), headers });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(created);
    const reused = await h.request('POST', URL, {
      as: 'lead',
      dept: 'complaints',
      body: measure({ goal: 'another' }),
      headers,
    });
    expect(reused.statusCode).toBe(422);
    const got = await h.request('GET', `${URL}/${created.id}`, { as: 'lead', dept: 'training' });
    expect(got.json()).toEqual(created);
  });

  it('refuses a lead answering for another department, and callers who are not leads', async () => {
    const foreign = await h.request('POST', URL, { as: 'lead', dept: 'crm', body: measure() });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ code: 'NOT_YOUR_DEPARTMENT', details: { field: 'department' } });
    // The CX lead (surveys) answers for surveys, not for the others.
    expect((await h.request('POST', URL, { as: 'lead', body: measure() })).statusCode).toBe(403);
    expect(
      (await h.request('POST', URL, { as: 'lead', body: measure({ department: 'surveys' }) })).statusCode,
    ).toBe(201);
    expect(
      (await h.request('POST', URL, { as: 'admin', body: measure({ department: 'crm' }) })).statusCode,
    ).toBe(201);
    expect((await h.request('POST', URL, { as: 'agent', body: measure() })).statusCode).toBe(403);
    expect((await h.request('GET', URL, { as: 'agent' })).statusCode).toBe(403);
    expect((await h.request('POST', URL, { body: measure() })).statusCode).toBe(401);
  });

  it('answers 400 naming the field, and 422 for a report that does not exist', async () => {
    for (const [over, field] of [
      [{ kpi: 'happiness' }, 'kpi'],
      [{ department: 'finance' }, 'department'],
      [{ dueDate: '30/11/2026' }, 'dueDate'],
      [{ dueDate: '2026-10-30' }, 'dueDate'],
      [{ goal: ' ' }, 'goal'],
      [{ reportId: 'r1' }, 'reportId'],
      [{ status: 'won' }, 'status'],
    ] as const) {
      const res = await h.request('POST', URL, { as: 'lead', dept: 'complaints', body: measure(over) });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    const unknown = await h.request('POST', URL, {
      as: 'lead',
      dept: 'complaints',
      body: measure({ reportId: randomUUID() }),
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'CX_REPORT_NOT_FOUND' });
  });

  it('moves a measure forward, by its own department’s lead only; done is final', async () => {
    const created = (
      await h.request('POST', URL, {
        as: 'lead',
        dept: 'training',
        body: measure({ department: 'training' }),
      })
    ).json();
    const move = (status: string, dept = 'training') =>
      h.request('POST', `${URL}/${created.id}/status`, { as: 'lead', dept, body: { status } });
    expect((await move('in-progress', 'crm')).statusCode).toBe(403);
    expect((await move('in-progress')).json()).toMatchObject({
      status: 'in-progress',
      nextStatuses: ['done', 'dropped'],
    });
    expect((await move('done')).json()).toMatchObject({ status: 'done', nextStatuses: [] });
    const back = await move('dropped');
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({ code: 'MEASURE_STATUS_FINAL' });
    const missing = await h.request('POST', `${URL}/${randomUUID()}/status`, {
      as: 'lead',
      dept: 'training',
      body: { status: 'done' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lists a report’s measures by department', async () => {
    const res = await h.request('GET', `${URL}?reportId=${october}&department=complaints`, { as: 'lead' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((m: { department: string }) => m.department)).toEqual(['complaints']);
    const bad = await h.request('GET', `${URL}?department=finance`, { as: 'lead' });
    expect(bad.statusCode).toBe(400);
  });

  it('shows each measure in the next report, its KPI before (October) and after (November)', async () => {
    h.clock.set('2026-12-02T04:00:00Z');
    const res = await h.request('POST', '/api/v1/cx-reports', {
      as: 'lead',
      body: { period: 'month', label: '2026-11' },
    });
    expect(res.statusCode).toBe(201);
    const pdf = await h.request('GET', `/api/v1/cx-reports/${res.json().id}/pdf`, { as: 'lead' });
    const text = (await pdfPageTexts(pdf.rawPayload)).join('\n');
    const section = text.slice(text.indexOf('六、各部门改进措施'));
    // complaints' measure: satisfaction 50.0 % in October, 75.0 % in November, better.
    expect(section).toMatch(
      /客服\s+每日晨会复盘超时工单[\s\S]*?E10023\s+2026-11-30\s+客户满意度\s+50\.0%\s+75\.0%\s+改善/,
    );
    for (const department of ['会员', '体验调研', '培训']) expect(section).toContain(department);
  }, 60_000);
});
