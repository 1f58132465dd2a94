import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { eventEnvelope, ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ScorecardJobs } from '../src/scorecard/scorecard.jobs';
import { trainingService } from '../src/service';
import { deliver as deliverTo, hire } from './support';

const NOW = '2026-12-03T02:00:00.000Z';
const NOV = '2026-11';
const customerId = randomUUID();

type Card = {
  subjectId: string;
  score: number | null;
  rankOverall: number | null;
  figures: Record<string, unknown>;
};

describe('monthly scorecards from events (real Postgres and NATS)', () => {
  let h: ServiceHarness;

  const deliver = (...envelopes: { id: string; type: string }[]) => deliverTo(h, ...envelopes);
  const response = (employeeId: string, satisfied: boolean, submittedAt: string, storeId = 'SH-001') =>
    eventEnvelope(Subjects.surveys.responseSubmitted, {
      responseId: randomUUID(),
      employeeId,
      storeId,
      customerId,
      satisfied,
      submittedAt,
    });
  const employees = async (): Promise<Card[]> =>
    (await h.request('GET', `/api/v1/admin/scorecards/${NOV}/employees`, { as: 'lead' })).json();
  const card = async (id: string) => (await employees()).find((c) => c.subjectId === id);

  /** The lead's policy: these weights (the others 0), the test's minimums, one star a month. */
  const setWeights = (weights: Record<string, number>) =>
    h.request('PUT', '/api/v1/admin/policies/scorecard', {
      as: 'lead',
      body: {
        weights: { satisfaction: 0, compliance: 0, complaintHandling: 0, training: 0, ...weights },
        minSamples: { satisfaction: 2, compliance: 1, complaintHandling: 1, training: 1 },
        starCount: 1,
      },
    });

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    for (const [employeeId, storeId] of [
      ['E1', 'SH-001'],
      ['E2', 'SH-001'],
      ['E3', 'LDN-01'],
    ])
      await hire(h, employeeId, { storeId });
    expect((await setWeights({ satisfaction: 50, compliance: 50 })).statusCode).toBe(200);
    await h.request('PUT', '/api/v1/admin/stores/LDN-01/time-zone', {
      as: 'lead',
      body: { timeZone: 'Europe/London' },
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('counts the same audit event delivered twice once', async () => {
    const audit = eventEnvelope(Subjects.surveys.auditCompleted, {
      auditId: randomUUID(),
      storeId: 'SH-001',
      employeeIds: ['E1', 'E2'],
      scorePct: 80,
      passed: true,
      failedItems: [],
      completedAt: '2026-11-10T03:00:00Z',
    });
    // A message's lane is its envelope's aggregate: an audit sent with the same aggregate runs in the
    // copy's lane behind it, so once it has been handled, the copy has been too.
    const after = eventEnvelope(
      Subjects.surveys.auditCompleted,
      { auditId: randomUUID(), storeId: 'SH-999', employeeIds: [], completedAt: '2026-11-10T03:00:00Z' },
      { aggregateId: audit.aggregateId },
    );
    await deliver(audit, audit, after);
    expect(
      await h.sql(
        `SELECT scope, subject_id FROM scorecard_fact WHERE source_id = $1 ORDER BY scope, subject_id`,
        [audit.data.auditId],
      ),
    ).toEqual([
      { scope: 'employee', subject_id: 'E1' },
      { scope: 'employee', subject_id: 'E2' },
      { scope: 'store', subject_id: 'SH-001' },
    ]);
  });

  it('builds the month from the events: weighted scores, minimum samples, ranks, store of the time', async () => {
    await deliver(
      response('E1', true, '2026-11-02T03:00:00Z'),
      response('E1', true, '2026-11-03T03:00:00Z'),
      response('E2', false, '2026-11-04T03:00:00Z'),
      response('E2', true, '2026-11-11T03:00:00Z'),
      // 1 Dec 00:00 in Shanghai: December's, not November's.
      response('E1', false, '2026-11-30T16:00:00Z'),
      // The same instant is still 30 Nov in London.
      response('E3', true, '2026-11-30T16:00:00Z', 'LDN-01'),
    );
    expect(await h.get(ScorecardJobs).recomputeStaleOnce()).toEqual(expect.arrayContaining([NOV, '2026-12']));
    const cards = await employees();
    expect(cards.map((c) => [c.subjectId, c.score, c.rankOverall])).toEqual([
      // (100 * 50 + 80 * 50) / 100
      ['E1', 90, 1],
      // 1 of 2 satisfied: (50 * 50 + 80 * 50) / 100
      ['E2', 65, 2],
      // One answer, two needed, no audit: no score.
      ['E3', null, null],
    ]);
    expect(cards[0].figures).toMatchObject({
      responses: 2,
      satisfactionPct: 100,
      audits: 1,
      compliancePct: 80,
    });
    const stores = (await h.request('GET', `/api/v1/admin/scorecards/${NOV}/stores`, { as: 'lead' })).json();
    expect(stores.map((s: Card) => [s.subjectId, s.figures.responses, s.figures.audits])).toEqual([
      // Only the audit's score counts for SH-999 (83.3); SH-001: 3 of 4 satisfied and 80.
      ['SH-999', 0, 1],
      ['SH-001', 4, 1],
      ['LDN-01', 1, 0],
    ]);
  });

  it('counts complaints, resolutions within SLA and breaches', async () => {
    const complaintId = randomUUID();
    // One at a time, so they are handled in the test's order whatever lane each one takes.
    await deliver(
      eventEnvelope(Subjects.complaints.complaintCreated, {
        complaintId,
        employeeId: 'E2',
        storeId: 'SH-001',
        customerId,
        receivedAt: '2026-11-05T01:00:00Z',
        firstResponseDueAt: '2026-11-06T01:00:00Z',
        resolutionDueAt: '2026-11-08T01:00:00Z',
      }),
    );
    await deliver(
      eventEnvelope(Subjects.complaints.complaintResolved, {
        complaintId,
        ownerId: 'E2',
        storeId: 'SH-001',
        customerId,
        resolvedAt: '2026-11-06T01:00:00Z',
      }),
    );
    await deliver(
      eventEnvelope(Subjects.complaints.complaintSlaBreached, {
        complaintId: randomUUID(),
        ownerId: 'E2',
        storeId: 'SH-001',
        clock: 'first-response',
        breachedAt: '2026-11-20T01:00:00Z',
      }),
    );
    await h.get(ScorecardJobs).recomputeStaleOnce();
    expect((await card('E2'))?.figures).toMatchObject({
      complaints: 1,
      resolved: 1,
      resolvedInSla: 1,
      complaintHandlingPct: 100,
      avgResolutionHours: 24,
      breaches: 1,
    });
  });

  it('lets a late survey answer change an open month, then freezes it once the lead closes it', async () => {
    await deliver(response('E1', false, '2026-11-29T03:00:00Z'));
    expect((await h.request('GET', `/api/v1/admin/scorecards/${NOV}`, { as: 'lead' })).json()).toMatchObject({
      status: 'open',
      stale: true,
    });
    await h.get(ScorecardJobs).recomputeStaleOnce();
    // 2 of 3 satisfied: (66.67 * 50 + 80 * 50) / 100
    expect((await card('E1'))?.score).toBe(73.33);

    const closed = await h.request('POST', `/api/v1/admin/scorecards/${NOV}/close`, { as: 'lead' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: 'u-lead' });
    const awards = await h.request('GET', '/api/v1/admin/scorecards/awards?from=2026-01&to=2026-12', {
      as: 'lead',
    });
    expect(awards.json()).toEqual([
      { month: NOV, employeeId: 'E1', storeId: 'SH-001', rank: 1, score: 73.33 },
    ]);

    await deliver(response('E1', true, '2026-11-29T04:00:00Z'), response('E2', true, '2026-11-29T05:00:00Z'));
    expect(await h.get(ScorecardJobs).recomputeStaleOnce()).not.toContain(NOV);
    expect((await card('E1'))?.score).toBe(73.33);
    expect((await h.request('GET', `/api/v1/admin/scorecards/${NOV}`, { as: 'lead' })).json()).toMatchObject({
      status: 'closed',
      stale: false,
      lateFacts: 4,
    });
    const again = await h.request('POST', `/api/v1/admin/scorecards/${NOV}/recompute`, { as: 'lead' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MONTH_CLOSED');
  });

  it('makes a fact wait while its month is being closed, and keeps it as late (the lock is in the fact insert)', async () => {
    const SEP = '2026-09';
    await deliver(response('E1', true, '2026-09-10T03:00:00Z'));
    const closer = new Client({ connectionString: h.dbUrl });
    await closer.connect();
    try {
      // What closing does: the month's row FOR UPDATE for the length of its transaction.
      await closer.query('BEGIN');
      await closer.query(`SELECT 1 FROM scorecard_month WHERE month = $1 FOR UPDATE`, [SEP]);
      const late = response('E1', false, '2026-09-11T03:00:00Z');
      await h.publishRaw(late.type, JSON.stringify(late));
      await new Promise((r) => setTimeout(r, 500));
      expect(await h.sql(`SELECT 1 FROM inbox WHERE message_id = $1`, [late.id])).toEqual([]);
      await closer.query(`UPDATE scorecard_month SET status = 'closed' WHERE month = $1`, [SEP]);
      await closer.query('COMMIT');
      await h.handled([late.id]);
      expect(
        await h.sql(`SELECT scope, after_close FROM scorecard_fact WHERE source_id = $1 ORDER BY scope`, [
          late.data.responseId,
        ]),
      ).toEqual([
        { scope: 'employee', after_close: true },
        { scope: 'store', after_close: true },
      ]);
    } finally {
      await closer.end();
    }
  });

  it('gives new weights to every open month at the next recompute, not to a closed one', async () => {
    const DEC = '2026-12';
    const e1 = async (month: string) =>
      (await h.request('GET', `/api/v1/admin/scorecards/${month}/employees`, { as: 'lead' }))
        .json<Card[]>()
        .find((c) => c.subjectId === 'E1')?.score;
    const month = async (m: string) =>
      (await h.request('GET', `/api/v1/admin/scorecards/${m}`, { as: 'lead' })).json<{ stale: boolean }>();
    // December for E1: 1 of 2 satisfied (with the answer of 30 Nov 16:00Z) and an audit at 60.
    await deliver(
      response('E1', true, '2026-12-02T03:00:00Z'),
      eventEnvelope(Subjects.surveys.auditCompleted, {
        auditId: randomUUID(),
        storeId: 'SH-001',
        employeeIds: ['E1'],
        scorePct: 60,
        passed: false,
        failedItems: [],
        completedAt: '2026-12-02T03:00:00Z',
      }),
    );
    expect(await h.get(ScorecardJobs).recomputeStaleOnce()).toEqual([DEC]);
    // (50 * 50 + 60 * 50) / 100
    expect(await e1(DEC)).toBe(55);
    expect(await month(DEC)).toMatchObject({ stale: false });

    expect((await setWeights({ satisfaction: 100 })).statusCode).toBe(200);
    expect(await month(DEC)).toMatchObject({ stale: true });
    expect(await month(NOV)).toMatchObject({ status: 'closed', stale: false });
    expect(await h.get(ScorecardJobs).recomputeStaleOnce()).toEqual([DEC]);
    // Satisfaction alone: 50; November, closed, keeps the score its close froze.
    expect(await e1(DEC)).toBe(50);
    expect(await e1(NOV)).toBe(73.33);
    expect(await month(DEC)).toMatchObject({ stale: false });
  });

  it('credits sales to the seller crm names and to the store, weighted only once the lead gives them a weight', async () => {
    const OCT = '2026-10';
    const purchase = (salesEmployeeId: string | undefined, paidAmountMinor: number) =>
      eventEnvelope(Subjects.crm.purchaseRecorded, {
        customerId,
        orderId: `SO-${randomUUID()}`,
        storeId: 'SH-001',
        channel: 'store',
        purchasedAt: '2026-10-15T06:00:00Z',
        paidAmountMinor,
        currency: 'CNY',
        lines: [
          {
            lineId: '1',
            sku: 'SKU-1',
            category: 'phones',
            productName: 'X200',
            quantity: 1,
            unitPriceMinor: paidAmountMinor,
          },
        ],
        // Undefined leaves the sample's seller out: the purchase names none.
        salesEmployeeId,
      });
    const cards = async (scope: 'employees' | 'stores') =>
      (await h.request('GET', `/api/v1/admin/scorecards/${OCT}/${scope}`, { as: 'lead' })).json<Card[]>();
    await deliver(
      purchase('E1', 300_000),
      purchase('E1', 100_000),
      purchase('E2', 100_000),
      purchase(undefined, 50_000),
      // A batch where one answer names no store (a read: the store of the time) among answers that do.
      response('E2', true, '2026-10-16T03:00:00Z'),
      eventEnvelope(Subjects.surveys.responseSubmitted, {
        responseId: randomUUID(),
        employeeId: 'E2',
        satisfied: true,
        submittedAt: '2026-10-16T04:00:00Z',
      }),
      response('E1', true, '2026-10-16T05:00:00Z'),
      response('E1', true, '2026-10-16T06:00:00Z'),
    );
    expect(
      await h.sql(
        `SELECT count(*)::int AS n FROM scorecard_fact WHERE month = $1 AND kind = 'sale' AND customer_id IS NOT NULL`,
        [OCT],
      ),
    ).toEqual([{ n: 0 }]);
    await h.get(ScorecardJobs).recomputeStaleOnce();
    // Sales have weight 0: satisfaction alone ranks (both 100 %, tied).
    expect(
      (await cards('employees')).map((c) => [
        c.subjectId,
        c.score,
        c.rankOverall,
        c.figures.responses,
        c.figures.sales,
        c.figures.salesAmountMinor,
        c.figures.salesPct,
      ]),
    ).toEqual([
      ['E1', 100, 1, 2, 2, 400_000, 100],
      ['E2', 100, 1, 2, 1, 100_000, 25],
    ]);
    expect(
      (await cards('stores')).map((c) => [
        c.subjectId,
        c.figures.responses,
        c.figures.sales,
        c.figures.salesAmountMinor,
      ]),
    ).toEqual([['SH-001', 4, 4, 550_000]]);

    const policy = await h.request('PUT', '/api/v1/admin/policies/scorecard', {
      as: 'lead',
      body: {
        weights: { satisfaction: 50, compliance: 0, complaintHandling: 0, training: 0, sales: 50 },
        minSamples: { satisfaction: 2, compliance: 1, complaintHandling: 1, training: 1, sales: 1 },
        starCount: 1,
      },
    });
    expect(policy.json()).toMatchObject({ weights: { sales: 50 }, minSamples: { sales: 1 } });
    await h.get(ScorecardJobs).recomputeStaleOnce();
    // E2: (50 * 100 + 50 * 25) / 100
    expect((await cards('employees')).map((c) => [c.subjectId, c.score, c.rankOverall])).toEqual([
      ['E1', 100, 1],
      ['E2', 62.5, 2],
    ]);
    // Back to the policy the tests below expect (sales absent: weight 0).
    expect((await setWeights({ satisfaction: 100 })).json()).toMatchObject({
      weights: { sales: 0 },
      minSamples: { sales: 1 },
    });
  });

  it("files a resolution that names no store under its complaint's store (a read: its batch takes a transaction)", async () => {
    const complaintId = randomUUID();
    await deliver(
      eventEnvelope(Subjects.complaints.complaintCreated, {
        complaintId,
        employeeId: 'E3',
        storeId: 'LDN-01',
        receivedAt: '2026-08-05T01:00:00Z',
        firstResponseDueAt: '2026-08-06T01:00:00Z',
        resolutionDueAt: '2026-08-08T01:00:00Z',
      }),
    );
    const resolved = eventEnvelope(Subjects.complaints.complaintResolved, {
      complaintId,
      ownerId: 'E2',
      resolvedAt: '2026-08-09T13:00:00Z',
    });
    delete (resolved.data as { storeId?: string }).storeId;
    await deliver(resolved);
    expect(
      await h.sql(
        `SELECT scope, subject_id, store_id, month, value, ok FROM scorecard_fact WHERE source_id = $1 AND kind = 'resolution' ORDER BY scope`,
        [complaintId],
      ),
    ).toEqual([
      // 4.5 days after receipt, past its deadline: not within SLA.
      { scope: 'employee', subject_id: 'E2', store_id: 'LDN-01', month: '2026-08', value: 108, ok: false },
      { scope: 'store', subject_id: 'LDN-01', store_id: 'LDN-01', month: '2026-08', value: 108, ok: false },
    ]);
    expect(await h.get(ScorecardJobs).recomputeStaleOnce()).toContain('2026-08');
  });

  it('refuses to close a month that is not over', async () => {
    const res = await h.request('POST', '/api/v1/admin/scorecards/2026-12/close', { as: 'lead' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MONTH_NOT_OVER');
  });

  it('records the staff survey on the store card against the 85 % target', async () => {
    const res = await h.request('PUT', '/api/v1/admin/scorecards/2026-12/staff-satisfaction', {
      as: 'lead',
      body: { storeId: 'SH-001', satisfiedPct: 88, respondents: 25 },
    });
    expect(res.statusCode).toBe(200);
    const [store] = (
      await h.request('GET', '/api/v1/admin/scorecards/2026-12/stores', { as: 'lead' })
    ).json();
    expect(store.figures).toMatchObject({ staffSatisfactionPct: 88, staffSatisfactionMeetsTarget: true });
  });

  it('scrubs the customer copied from events when crm erases them', async () => {
    expect(
      (await h.sql(`SELECT 1 FROM scorecard_fact WHERE customer_id = $1`, [customerId])).length,
    ).toBeGreaterThan(0);
    await deliver(eventEnvelope(Subjects.crm.customerErased, { customerId }));
    expect(await h.sql(`SELECT 1 FROM scorecard_fact WHERE customer_id = $1`, [customerId])).toEqual([]);
    expect(await h.sql(`SELECT 1 FROM complaint_copy WHERE customer_id = $1`, [customerId])).toEqual([]);
  });

  it('answers 400 naming the field, 401 and 403', async () => {
    const bad = await h.request('GET', '/api/v1/admin/scorecards/2026-13/employees', { as: 'lead' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('month');
    const zeros = await h.request('PUT', '/api/v1/admin/policies/scorecard', {
      as: 'lead',
      body: {
        weights: { satisfaction: 0, compliance: 0, complaintHandling: 0, training: 0 },
        minSamples: { satisfaction: 1, compliance: 1, complaintHandling: 1, training: 1 },
        starCount: 3,
      },
    });
    expect(zeros.json().errors[0].field).toBe('weights');
    expect((await h.request('GET', `/api/v1/admin/scorecards/${NOV}/employees`)).statusCode).toBe(401);
    expect(
      (await h.request('GET', `/api/v1/admin/scorecards/${NOV}/employees`, { as: 'agent' })).statusCode,
    ).toBe(403);
  });

  it('closes a month only once it is over in every store zone (London last here), to the second', async () => {
    const close = () => h.request('POST', '/api/v1/admin/scorecards/2026-12/close', { as: 'lead' });
    try {
      // December is over in Shanghai since 2026-12-31T16:00Z, in London at 2027-01-01T00:00Z.
      h.clock.set(new Date('2026-12-31T23:59:59.000Z'));
      const early = await close();
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('MONTH_NOT_OVER');
      h.clock.set(new Date('2027-01-01T00:00:00.000Z'));
      expect((await close()).json()).toMatchObject({ status: 'closed' });
    } finally {
      h.clock.set(new Date(NOW));
    }
  });
});
