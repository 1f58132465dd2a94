import { HOUR_MS } from '@cx/platform';
import { validComplaint } from '@cx/testing';
import { Logger } from '@nestjs/common';
import { KpiAlertService } from '../src/alert/kpi-alert.service';
import { IncidentService } from '../src/incident/incident.service';
import { ComplaintsHarness } from './support';

const URL = '/api/v1/admin/policies/early-warning';

// The environment's values are the defaults until the lead sets the settings through the admin API.
describe("spike detection's and early warning's settings (admin API, real Postgres and NATS)", () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start({
      env: {
        SPIKE_MIN_COMPLAINTS: '5',
        SPIKE_WINDOW_HOURS: '24',
        ALERT_MIN_CASES: '20',
        ALERT_WINDOW_DAYS: '30',
      },
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const complaint = async (over: Record<string, unknown>) =>
    (
      await h.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: validComplaint({ receivedAt: h.clock.now().toISOString(), ...over }),
      })
    ).json<{ id: string }>();
  const put = (body: unknown, as: 'lead' | 'agent' | 'admin' = 'lead') =>
    h.request('PUT', URL, { as, body, sub: 'lead-4' });
  const SETTINGS = { spikeWindowHours: 24, spikeMinComplaints: 2, alertWindowDays: 30, alertMinCases: 2 };

  it("reports the environment's values until the lead sets them, then the sweeps run with the lead's", async () => {
    const before = await h.request('GET', URL, { as: 'lead' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      spikeWindowHours: 24,
      spikeMinComplaints: 5,
      alertWindowDays: 30,
      alertMinCases: 20,
      source: 'environment',
    });

    // Two complaints about one product, two unresolved at one store: nothing under the environment's 5 and 20.
    const sku = 'EW-SETTINGS-SKU';
    await complaint({ productSku: sku, storeId: 'EWS-001' });
    await complaint({ productSku: sku, storeId: 'EWS-001' });
    h.clock.advance(HOUR_MS);
    expect(await h.get(IncidentService).detectOnce()).toEqual([]);
    const quiet = await h.get(KpiAlertService).checkOnce();
    expect(quiet.raised.filter((a) => a.key === 'EWS-001')).toEqual([]);

    const log = jest.spyOn(Logger.prototype, 'log');
    const res = await put(SETTINGS);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...SETTINGS, source: 'lead' });
    const line = log.mock.calls.find(([m]) => String(m).startsWith('early-warning.updated'));
    expect(line?.[1]).toMatchObject({
      audit: { actor: 'lead-4', changes: { earlyWarning: { from: null, to: SETTINGS } } },
    });
    log.mockRestore();
    expect((await h.request('GET', URL, { as: 'lead' })).json()).toEqual({ ...SETTINGS, source: 'lead' });
    expect((await h.sql(`SELECT early_warning FROM complaint_policy`))[0].early_warning).toEqual(SETTINGS);

    // The same complaints now make a spike and an alert.
    const [proposed] = await h.get(IncidentService).detectOnce();
    expect(proposed).toMatchObject({
      productSku: sku,
      title: `2 complaints about product ${sku} within 24 h`,
    });
    const { raised } = await h.get(KpiAlertService).checkOnce();
    expect(raised.filter((a) => a.scope === 'store' && a.key === 'EWS-001')).toEqual(
      expect.arrayContaining([expect.objectContaining({ metric: 'resolution-rate', cases: 2 })]),
    );
  });

  it('refuses missing, fractional and out-of-range values, naming them; only leads and admins', async () => {
    const res = await put({ spikeWindowHours: 0, spikeMinComplaints: 1, alertWindowDays: 2.5 });
    expect(res.statusCode).toBe(400);
    const fields = (res.json<{ errors: { field: string }[] }>().errors ?? []).map((e) => e.field).sort();
    expect(fields).toEqual(['alertMinCases', 'alertWindowDays', 'spikeMinComplaints', 'spikeWindowHours']);
    expect((await put({ ...SETTINGS, spikeWindowHours: 721 })).statusCode).toBe(400);
    expect((await put(SETTINGS, 'agent')).statusCode).toBe(403);
    expect((await h.request('GET', URL, { as: 'agent' })).statusCode).toBe(403);
    expect((await put({ ...SETTINGS, alertMinCases: 3 }, 'admin')).json()).toEqual({
      ...SETTINGS,
      alertMinCases: 3,
      source: 'lead',
    });
  });
});
