import { Subjects } from '@cx/contracts';
import { HOUR_MS } from '@cx/platform';
import { validComplaint } from '@cx/testing';
import { KpiAlertService } from '../src/alert/kpi-alert.service';
import { ComplaintsHarness } from './support';

describe('early warning: one alert per breach (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;
  const store = 'EW-001';

  beforeAll(async () => {
    h = await ComplaintsHarness.start({ env: { ALERT_MIN_CASES: '3', ALERT_WINDOW_DAYS: '30' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const file = async () =>
    (
      await h.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: validComplaint({ storeId: store, receivedAt: h.clock.now().toISOString() }),
      })
    ).json();
  const resolve = (id: string) =>
    h.request('POST', `/api/v1/complaints/${id}/status`, {
      as: 'agent',
      body: { status: 'resolved', summary: 'Done' },
    });
  const check = () => h.get(KpiAlertService).checkOnce();
  const storeAlerts = async (metric: string) =>
    await h.sql(
      `SELECT id, recovered_at FROM kpi_alert WHERE scope = 'store' AND key = $1 AND metric = $2 ORDER BY raised_at`,
      [store, metric],
    );
  const raisedEvents = async () =>
    (await h.outbox(Subjects.complaints.kpiAlertRaised)).filter(
      (e) => e.data.scope === 'store' && e.data.key === store && e.data.metric === 'resolution-rate',
    );

  it('raises an alert once per breach, and again only after the figure recovered', async () => {
    const first = [await file(), await file()];
    h.clock.advance(HOUR_MS);
    await check();
    expect(await storeAlerts('resolution-rate')).toEqual([]); // two cases: not enough to decide

    first.push(await file());
    h.clock.advance(HOUR_MS);
    const { raised } = await check();
    expect(raised.filter((a) => a.scope === 'store' && a.key === store)).toEqual([
      expect.objectContaining({ metric: 'resolution-rate', value: 0, target: 0.95, cases: 3 }),
    ]);
    h.clock.advance(HOUR_MS);
    await check(); // still below target: the same alert, no new one
    expect(await storeAlerts('resolution-rate')).toHaveLength(1);
    expect(await raisedEvents()).toHaveLength(1);
    const open = await h.request('GET', '/api/v1/admin/alerts', { as: 'lead' });
    expect(open.json().map((a: { key: string; metric: string }) => `${a.metric}@${a.key}`)).toContain(
      `resolution-rate@${store}`,
    );

    for (const c of first) await resolve(c.id);
    h.clock.advance(HOUR_MS);
    expect((await check()).recovered).toBeGreaterThanOrEqual(1);
    const [recovered] = await storeAlerts('resolution-rate');
    expect(recovered.recovered_at).not.toBeNull();
    await check(); // recovered and still fine: nothing new
    expect(await raisedEvents()).toHaveLength(1);

    // Falls again: a second alert, a second event.
    for (let i = 0; i < 3; i++) await file();
    h.clock.advance(HOUR_MS);
    await check();
    expect((await storeAlerts('resolution-rate')).map((a) => a.recovered_at === null)).toEqual([false, true]);
    expect(await raisedEvents()).toHaveLength(2);

    const recoveredList = await h.request('GET', '/api/v1/admin/alerts?status=recovered', { as: 'lead' });
    expect(recoveredList.json().map((a: { id: string }) => a.id)).toContain(recovered.id);
    expect((await h.request('GET', '/api/v1/admin/alerts', { as: 'agent' })).statusCode).toBe(403);
    expect((await h.request('GET', '/api/v1/admin/alerts?status=maybe', { as: 'lead' })).statusCode).toBe(
      400,
    );
  });

  it('tells ops how many alerts are open and how old the oldest is, on /metrics', async () => {
    const [open] = await h.sql<{ n: number; oldest: Date }>(
      `SELECT count(*)::int AS n, min(raised_at) AS oldest FROM kpi_alert WHERE recovered_at IS NULL`,
    );
    expect(open.n).toBeGreaterThan(0); // the breach left open by the test above
    const age = () => (h.clock.now().getTime() - open.oldest.getTime()) / 1000;
    expect(await h.metric('complaints_early_warning_alerts_open')).toBe(open.n);
    expect(await h.metric('complaints_early_warning_oldest_open_age_seconds')).toBe(age());
    h.clock.advance(HOUR_MS);
    expect(await h.metric('complaints_early_warning_oldest_open_age_seconds')).toBe(age());
    expect(age()).toBeGreaterThanOrEqual(3600);
  });

  it('raises one alert per breach with two replicas checking at once', async () => {
    const other = 'EW-002';
    for (let i = 0; i < 3; i++)
      await h.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: validComplaint({ storeId: other, receivedAt: h.clock.now().toISOString() }),
      });
    h.clock.advance(HOUR_MS);
    const b = await h.replica({
      ALERT_MIN_CASES: '3',
      ALERT_WINDOW_DAYS: '30',
      ALERT_SWEEP_INTERVAL_MS: '3600000',
    });
    try {
      await Promise.all([check(), b.app.get(KpiAlertService).checkOnce(), check()]);
    } finally {
      await b.stop();
    }
    expect(
      await h.sql(
        `SELECT count(*)::int AS n FROM kpi_alert WHERE scope = 'store' AND key = $1 AND metric = 'resolution-rate'`,
        [other],
      ),
    ).toEqual([{ n: 1 }]);
  });
});
