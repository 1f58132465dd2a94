import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { AlertJob } from '../src/scores/alert.job';
import { RollupJob } from '../src/scores/rollup.job';
import { surveysService } from '../src/service';
import { answerOffline, setUpQuestionnaire } from './support';

describe('scores and early warning (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let questionnaireId: string;
  let touchpoint: string;
  const STORE = 'SH-777';

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock('2026-04-10T02:00:00Z') });
    ({ questionnaireId, touchpoint } = await setUpQuestionnaire(h));
    const s = await h.request('PUT', '/api/v1/admin/policies/settings', {
      as: 'lead',
      body: { satisfactionTarget: 0.5, alertMinAnswers: 4 },
    });
    expect(s.statusCode).toBe(200);
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Offline answers at the store: `scores` CSAT answers (a low one needs its follow-up). */
  const answer = (...scores: number[]) =>
    answerOffline(h, { questionnaireId, storeId: STORE, employeeId: 'E555' }, ...scores);

  /** The two early-warning gauges as this process's `/metrics` reports them. */
  const earlyWarningMetrics = async (): Promise<{ open: number; oldestAge: number }> => ({
    open: await h.metric('surveys_early_warning_alerts_open'),
    oldestAge: await h.metric('surveys_early_warning_oldest_open_age_seconds'),
  });

  const storeAlerts = async () =>
    (await h.outbox(Subjects.surveys.alertRaised)).filter((e) => e.data.scope.storeId === STORE);

  it('raises an alert once when satisfaction falls below target, and again only after it recovers and falls', async () => {
    const job = h.get(AlertJob);
    const check = () => job.checkOnce(h.clock.now());
    await answer(5, 4, 2, 1); // 0.5: at the target, no breach
    await check();
    expect(await storeAlerts()).toHaveLength(0);
    expect(await earlyWarningMetrics()).toEqual({ open: 0, oldestAge: 0 });
    await answer(3); // 2 of 5
    await check();
    await answer(1); // 2 of 6: still the same breach
    await check();
    await check();
    const first = await storeAlerts();
    expect(first).toHaveLength(1);
    expect(first[0].data).toMatchObject({
      metric: 'customer-satisfaction',
      scope: { storeId: STORE },
      value: 0.4,
      threshold: 0.5,
      period: '2026-04',
    });
    const open = await h.request('GET', '/api/v1/admin/scores/alerts', { as: 'lead' });
    expect(open.json().map((a: { scopeKey: string }) => a.scopeKey)).toContain(STORE);
    // The store's and the touchpoint's alerts, raised at the same instant; their age by the Clock.
    expect(open.json()).toHaveLength(2);
    expect(await earlyWarningMetrics()).toEqual({ open: 2, oldestAge: 0 });
    h.clock.advance(3_600_000);
    expect(await earlyWarningMetrics()).toEqual({ open: 2, oldestAge: 3600 });

    await answer(5, 5, 5, 5); // 6 of 10: recovered
    await check();
    expect(await storeAlerts()).toHaveLength(1);
    const afterRecovery = await h.request('GET', '/api/v1/admin/scores/alerts', { as: 'lead' });
    expect(afterRecovery.json().map((a: { scopeKey: string }) => a.scopeKey)).not.toContain(STORE);
    expect(await earlyWarningMetrics()).toEqual({ open: 0, oldestAge: 0 });
    await answer(1, 1, 1); // 6 of 13: a new breach
    await check();
    expect((await storeAlerts()).map((e) => e.data.value)).toEqual([0.4, 0.4615]);
    const touchpointAlerts = (await h.outbox(Subjects.surveys.alertRaised)).filter(
      (e) => e.data.scope.touchpoint === touchpoint,
    );
    expect(touchpointAlerts).toHaveLength(2);
  });

  it("gives a store's CSAT, NPS, averages and distribution for a period", async () => {
    const res = await h.request(
      'GET',
      `/api/v1/admin/scores?groupBy=store&storeId=${STORE}&from=2026-04-01&timeZone=Asia/Shanghai`,
      {
        as: 'lead',
      },
    );
    expect(res.statusCode).toBe(200);
    const [g] = res.json().groups;
    // 13 answers: CSAT 5,4,2,1,3,1,5,5,5,5,1,1,1 -> 6 of 13 are 4 or 5.
    expect(g).toMatchObject({
      key: STORE,
      responses: 13,
      satisfaction: 0.4615,
      csat: { answers: 13, score: 0.4615, distribution: [5, 1, 1, 1, 5] },
      nps: { answers: 13, promoters: 6, detractors: 7, score: -7.7 },
      invited: 0,
      responseRate: null,
    });
    const byEmployee = await h.request('GET', '/api/v1/admin/scores?groupBy=employee&from=2026-04-01', {
      as: 'lead',
    });
    expect(byEmployee.json().groups.find((x: { key: string }) => x.key === 'E555').responses).toBe(13);
    const empty = await h.request(
      'GET',
      `/api/v1/admin/scores?storeId=${STORE}&from=2026-03-01&to=2026-04-01`,
      {
        as: 'lead',
      },
    );
    expect(empty.json().groups).toEqual([]);
    const csv = await h.request(
      'GET',
      `/api/v1/admin/scores/scores.csv?groupBy=store&storeId=${STORE}&from=2026-04-01`,
      {
        as: 'lead',
      },
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row, end] = csv.body.split('\r\n');
    expect(header.split(',').slice(0, 5)).toEqual(['store', 'from', 'to', 'responses', 'satisfaction']);
    expect(row.split(',')[0]).toBe(STORE);
    expect(row.split(',').slice(3, 5)).toEqual(['13', '0.4615']);
    expect(end).toBe('');
    const bad = await h.request('GET', '/api/v1/admin/scores?groupBy=region', { as: 'lead' });
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['groupBy']);
    expect((await h.request('GET', '/api/v1/admin/scores', { as: 'agent' })).statusCode).toBe(403);
  });

  const storeScores = async (timeZone: string) => {
    const res = await h.request(
      'GET',
      `/api/v1/admin/scores?groupBy=store&storeId=${STORE}&from=2026-04-01&timeZone=${timeZone}`,
      { as: 'lead' },
    );
    expect(res.statusCode).toBe(200);
    return res.json().groups as { responses: number; csat: { distribution: number[] } }[];
  };

  it('reads closed days from the daily rollup and the days since from the answers, to the same figures', async () => {
    const before = await storeScores('Asia/Shanghai');
    expect(before[0].responses).toBe(13);
    expect(await storeScores('UTC')).toEqual(before);
    h.clock.set('2026-04-13T02:00:00Z'); // 10:00 in Shanghai: 10, 11 and 12 April are closed
    const job = h.get(RollupJob);
    expect(await job.rollUpOnce(h.clock.now())).toBeGreaterThan(0);
    expect(await job.rollUpOnce(h.clock.now())).toBe(0); // nothing rolled up twice
    const [state] = await h.sql<{ until: string; rolled: number }>(
      `SELECT rolled_until::text AS until,
              (SELECT sum(responses) FROM response_daily WHERE store_id = $1)::int AS rolled
         FROM response_rollup_state`,
      [STORE],
    );
    expect(state).toEqual({ until: '2026-04-13', rolled: 13 });
    // The rollup is what is read for closed days: a row changed behind the service's back shows.
    await h.sql(`UPDATE response_daily SET responses = responses + 100 WHERE store_id = $1`, [STORE]);
    expect((await storeScores('Asia/Shanghai'))[0].responses).toBe(113);
    await h.sql(`UPDATE response_daily SET responses = responses - 100 WHERE store_id = $1`, [STORE]);

    await answer(5); // today, after the watermark: read from the answers
    const after = await storeScores('Asia/Shanghai');
    expect(after[0]).toMatchObject({ responses: 14, csat: { distribution: [5, 1, 1, 1, 6] } });
    // Counted in UTC, the partial Shanghai days at the edges come from the answers: same figures.
    expect(await storeScores('UTC')).toEqual(after);
  });

  it('rolls a day up once when two replicas run the job together', async () => {
    const b = await h.replica({ SURVEY_ROLLUP_INTERVAL_MS: '3600000' });
    h.clock.set('2026-04-14T02:00:00Z'); // 13 April (one answer, above) is now closed
    const runs = await Promise.all([
      h.get(RollupJob).rollUpOnce(h.clock.now()),
      b.app.get(RollupJob).rollUpOnce(h.clock.now()),
    ]);
    const [state] = await h.sql<{ until: string; rolled: number }>(
      `SELECT rolled_until::text AS until,
              (SELECT sum(responses) FROM response_daily WHERE store_id = $1)::int AS rolled
         FROM response_rollup_state`,
      [STORE],
    );
    // Checked together, so a failure shows all of it: one row written between them, the day once.
    expect({ written: runs, ...state }).toEqual({
      written: expect.arrayContaining([0]) as unknown,
      until: '2026-04-14',
      rolled: 14,
    });
    expect(runs[0] + runs[1]).toBe(1);
    await b.stop();
  });

  it("draws a store's, a touchpoint's and an employee's trend, each period beside the one before", async () => {
    const monthly = await h.request(
      'GET',
      `/api/v1/admin/scores/trends?interval=month&storeId=${STORE}&from=2026-03-01&to=2026-05-01&timeZone=Asia/Shanghai`,
      { as: 'lead' },
    );
    expect(monthly.statusCode).toBe(200);
    const m = monthly.json();
    expect(m).toMatchObject({ interval: 'month', storeId: STORE, timeZone: 'Asia/Shanghai' });
    expect(m.periods.map((p: { from: string; responses: number }) => [p.from, p.responses])).toEqual([
      ['2026-02-28T16:00:00.000Z', 0],
      ['2026-03-31T16:00:00.000Z', 14],
    ]);
    expect(m.periods[1].previous).toMatchObject({ from: '2026-02-28T16:00:00.000Z', responses: 0 });
    expect(m.periods[0].previous).toMatchObject({ from: '2026-01-31T16:00:00.000Z', satisfaction: null });
    expect(m.periods[1]).toMatchObject({ satisfaction: 0.5, csat: { score: 0.5 } });

    const weekly = await h.request(
      'GET',
      `/api/v1/admin/scores/trends?interval=week&employeeId=E555&from=2026-04-13&to=2026-04-20&timeZone=Asia/Shanghai`,
      { as: 'lead' },
    );
    const [week] = weekly.json().periods;
    expect(weekly.json().periods).toHaveLength(1);
    expect(week).toMatchObject({ from: '2026-04-12T16:00:00.000Z', responses: 1, satisfaction: 1 });
    expect(week.previous).toMatchObject({ from: '2026-04-05T16:00:00.000Z', responses: 13 });

    const quarterly = await h.request(
      'GET',
      `/api/v1/admin/scores/trends?interval=quarter&touchpoint=${touchpoint}&from=2026-04-01&to=2026-07-01&timeZone=Asia/Shanghai`,
      { as: 'lead' },
    );
    expect(quarterly.json().periods.map((p: { responses: number }) => p.responses)).toEqual([14]);

    const csv = await h.request(
      'GET',
      `/api/v1/admin/scores/trends.csv?interval=month&storeId=${STORE}&from=2026-03-01&to=2026-05-01&timeZone=Asia/Shanghai`,
      { as: 'lead' },
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, march, april, end] = csv.body.split('\r\n');
    expect(header.split(',').slice(0, 4)).toEqual(['from', 'to', 'responses', 'satisfaction']);
    expect(header.split(',')[10]).toBe('previous_responses');
    expect(march.split(',').slice(0, 3)).toEqual([
      '2026-02-28T16:00:00.000Z',
      '2026-03-31T16:00:00.000Z',
      '0',
    ]);
    expect(april.split(',').slice(2, 4)).toEqual(['14', '0.5']);
    expect(april.split(',')[10]).toBe('0');
    expect(end).toBe('');

    const bad = await h.request('GET', '/api/v1/admin/scores/trends?interval=year', { as: 'lead' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['interval']);
    expect((await h.request('GET', '/api/v1/admin/scores/trends', { as: 'agent' })).statusCode).toBe(403);
  });
});
