// Surveys' figures of the company CX scorecard (satisfaction, mystery-shopper pass rate), over HTTP
// and over NATS, counted by hand from the answers and audits below.
import { ScorecardReplyV1, Subjects } from '@cx/contracts';
import { ManualClock, NatsClient, RpcClient } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { surveysService } from '../src/service';
import { answerOffline, setUpQuestionnaire, touchpointBody } from './support';

const MARCH = 'from=2026-03-01&to=2026-04-01';

describe('surveys scorecard (admin API and rpc.surveys.get-scorecard.v1)', () => {
  let h: ServiceHarness;
  let questionnaireId: string;
  let checklistId: string;

  /** Offline CSAT answers at a store on the clock's day (4-5 is satisfied). */
  const answer = (storeId: string, ...scores: number[]) =>
    answerOffline(h, { questionnaireId, storeId }, ...scores);

  async function audit(storeId: string, quarter: string, completedAt: string, passed: boolean) {
    await h.sql(
      `INSERT INTO audit (id, checklist_id, store_id, quarter, auditor_id, status, score_pct, passed, completed_at,
         created_at, created_by)
       VALUES ($1, $2, $3, $4, 'A1', 'completed', $5, $6, $7, $7, 'lead')`,
      [randomUUID(), checklistId, storeId, quarter, passed ? 90 : 50, passed, completedAt],
    );
  }

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock('2026-02-10T02:00:00Z') });
    ({ questionnaireId } = await setUpQuestionnaire(h));
    const tp = touchpointBody();
    await h.request('POST', '/api/v1/touchpoints', { as: 'lead', body: tp });
    const c = await h.request('POST', '/api/v1/admin/audits/checklists', {
      as: 'lead',
      body: {
        code: `visit-${randomUUID().slice(0, 6)}`,
        title: { 'zh-CN': '门店暗访' },
        passThresholdPct: 80,
        sections: [
          {
            touchpoint: tp.code,
            passingScorePct: 60,
            items: [{ key: 'g1', text: { 'zh-CN': '30秒内问候' }, weight: 1, critical: false }],
          },
        ],
      },
    });
    expect(c.statusCode).toBe(201);
    checklistId = c.json().id;
    // February (the previous period of March): 1 of 2 satisfied at SH-1.
    await answer('SH-1', 5, 2);
    // March: 3 of 4 satisfied at SH-1, 1 of 1 at SH-2.
    h.clock.set('2026-03-10T02:00:00Z');
    await answer('SH-1', 5, 4, 4, 1);
    await answer('SH-2', 5);
    await audit('SH-1', '2026-Q1', '2026-03-12T02:00:00Z', true);
    await audit('SH-2', '2026-Q1', '2026-03-13T02:00:00Z', false);
    await audit('SH-1', '2025-Q4', '2026-02-12T02:00:00Z', false);
    h.clock.set('2026-04-02T00:00:00Z');
  });

  afterAll(() => h?.stop());

  const figures = async (query: string) => {
    const res = await h.request('GET', `/api/v1/admin/scorecard?${query}`, { as: 'lead' });
    expect(res.statusCode).toBe(200);
    return Object.fromEntries(
      res.json<{ figures: { figure: string }[] }>().figures.map(({ figure, ...f }) => [figure, f]),
    );
  };

  it("answers a store's satisfaction and pass rate with targets, the previous period and misses", async () => {
    const f = await figures(`${MARCH}&storeId=SH-1`);
    expect(Object.keys(f)).toEqual(['satisfaction', 'audit-pass-rate']);
    expect(f.satisfaction).toEqual({
      value: 0.75,
      numerator: 3,
      denominator: 4,
      target: { operator: '>=', value: 0.9, basis: expect.any(String) },
      previous: 0.5,
      trend: 'better',
      missed: true,
    });
    expect(f['audit-pass-rate']).toMatchObject({
      value: 1,
      target: { operator: '>=', value: 0.95 },
      previous: 0,
      trend: 'better',
      missed: false,
    });
  });

  it('counts the whole company without a store, and follows the lead’s satisfaction target', async () => {
    const set = await h.request('PUT', '/api/v1/admin/policies/settings', {
      as: 'lead',
      body: { satisfactionTarget: 0.8 },
    });
    expect(set.statusCode).toBe(200);
    const f = await figures(MARCH);
    expect(f.satisfaction).toMatchObject({
      numerator: 4,
      denominator: 5,
      target: { value: 0.8 },
      missed: false,
    });
    expect(f['audit-pass-rate']).toMatchObject({ numerator: 1, denominator: 2, missed: true });
  });

  it('gives training the same figures over NATS', async () => {
    const reply = await new RpcClient(h.get(NatsClient)).request<ScorecardReplyV1>(
      Subjects.surveys.getScorecard,
      {
        from: '2026-03-01T00:00:00Z',
        to: '2026-04-01T00:00:00Z',
        previousFrom: '2026-02-01T00:00:00Z',
        storeId: 'SH-2',
      },
    );
    expect(reply.figures.map((f) => [f.figure, f.numerator, f.denominator, f.missed])).toEqual([
      ['satisfaction', 1, 1, false],
      ['audit-pass-rate', 0, 1, true],
    ]);
  });

  it('refuses a bad period naming the field, and other leads', async () => {
    const bad = await h.request('GET', '/api/v1/admin/scorecard?from=2026-03-01&to=2026-02-01', {
      as: 'lead',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0].field).toBe('to');
    expect((await h.request('GET', '/api/v1/admin/scorecard', { as: 'lead', dept: 'crm' })).statusCode).toBe(
      403,
    );
  });
});
