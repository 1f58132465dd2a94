// The SLA sweeper against the real Postgres and NATS: warnings, breaches (exactly once, also with two
// replicas sweeping at once), escalation levels, pauses, reopening, auto-close and business hours.
import { Subjects, uuidv7 } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { waitFor } from '@cx/testing';
import { DataSource } from 'typeorm';
import { ComplaintRepository } from '../src/complaint/complaint.repository';
import { explainPromised, promisedDeadlines } from '../src/sla/complaint-clocks';
import { BusinessCalendar } from '../src/sla/sla-clock';
import { SlaService } from '../src/sla/sla.service';
import { SlaSweeper } from '../src/sla/sla.sweeper';
import { ComplaintsHarness } from './support';

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const BREACHED = Subjects.complaints.complaintSlaBreached;
const UPDATED = Subjects.complaints.complaintUpdated;
/** Monday 2 March 2026, 08:00 in Shanghai. The seeded policy: warn 120 min ahead; level 1 at the deadline, 2 a day later; close after 7 quiet days. */
const T0 = new Date('2026-03-02T00:00:00Z');
const after = (ms: number) => new Date(T0.getTime() + ms);

interface Row {
  id?: string;
  status?: string;
  channel?: string;
  priority?: string;
  storeId?: string | null;
  receivedAt?: Date;
  firstResponseDueAt?: Date;
  resolutionDueAt?: Date | null;
  resolutionClockStartedAt?: Date;
  firstRespondedAt?: Date | null;
  resolvedAt?: Date | null;
  /** The targets promised at intake. */
  targets?: { firstResponseHours: number; resolutionHours: number };
  /** The calendar promised at intake (none: around the clock). */
  calendar?: BusinessCalendar | null;
}

/** What intake promises a P3 hotline complaint of SH-001 (no rule: the defaults, around the clock). */
const DEFAULT_PROMISE = { firstResponseHours: 24, resolutionHours: 72, slaCalendar: null, slaRuleId: null };

describe('SLA sweeper (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;
  let sweeper: SlaSweeper;
  let sla: SlaService;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    // Small batches, so the two-replica test really interleaves claims.
    h = await ComplaintsHarness.start({ clock, env: { SLA_SWEEP_BATCH: '4' } });
    sweeper = h.svc.app.get(SlaSweeper);
    sla = h.svc.app.get(SlaService);
  });

  afterAll(async () => {
    await h?.stop();
  });

  // Each test's complaints leave the sweeper's work lists afterwards, so every test counts only its own.
  afterEach(async () => {
    await h.sql(`UPDATE complaint SET status = 'withdrawn' WHERE status <> 'withdrawn'`);
  });

  let seq = 0;
  async function insert(row: Row = {}): Promise<string> {
    const id = row.id ?? uuidv7();
    const receivedAt = row.receivedAt ?? T0;
    await h.sql(
      `INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major, status, owner_id,
         store_id, description, received_at, recorded_at, recorded_by, first_response_due_at, resolution_due_at,
         resolution_clock_started_at, first_response_hours, resolution_hours, first_responded_at, resolved_at, updated_at,
         sla_calendar)
       VALUES ($1, $2, $3, 'product-quality', 'medium', 'medium', $4, false, $5, 'u-agent', $6, 'The zip broke.', $7, $7,
         'u-agent', $8, $9, $10, $13, $14, $11, $12, $7, $15)`,
      [
        id,
        `C-T-${String(++seq).padStart(6, '0')}`,
        row.channel ?? 'hotline',
        row.priority ?? 'P3',
        row.status ?? 'received',
        row.storeId === undefined ? 'SH-001' : row.storeId,
        receivedAt,
        row.firstResponseDueAt ?? new Date(receivedAt.getTime() + 24 * H),
        row.resolutionDueAt === undefined ? new Date(receivedAt.getTime() + 72 * H) : row.resolutionDueAt,
        row.resolutionClockStartedAt ?? receivedAt,
        row.firstRespondedAt ?? null,
        row.resolvedAt ?? null,
        row.targets?.firstResponseHours ?? 24,
        row.targets?.resolutionHours ?? 72,
        row.calendar ? JSON.stringify(row.calendar) : null,
      ],
    );
    return id;
  }

  const sweepAt = (at: Date) => {
    clock.set(at);
    return sweeper.sweepOnce();
  };
  const history = (id: string) =>
    h.sql<{
      action: string;
      actor_id: string;
      from_status: string | null;
      to_status: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT action, actor_id, from_status, to_status, details FROM complaint_history WHERE complaint_id = $1 ORDER BY id`,
      [id],
    );
  const complaint = async (id: string) =>
    (await h.sql<Record<string, unknown>>(`SELECT * FROM complaint WHERE id = $1`, [id]))[0];
  const eventsOf = async (
    id: string,
    subject: string,
  ): Promise<{ type: string; data: Record<string, unknown> }[]> =>
    (await h.outbox(subject)).filter((e) => e.data.complaintId === id);
  const none = { warned: 0, breached: 0, escalated: 0, autoClosed: 0 };

  /** Another instance of the service on the same database and namespace (a second replica). */
  const replica = (env: Record<string, string> = {}) =>
    h.replica({ SLA_SWEEP_INTERVAL_MS: '3600000', ...env });

  it('warns before a deadline, marks the breach once with its event, and escalates level by level', async () => {
    const id = await insert();

    expect(await sweepAt(after(22 * H - S))).toEqual(none);
    expect(await sweepAt(after(22 * H))).toEqual({ ...none, warned: 1 });
    expect(await sweepAt(after(22 * H + M))).toEqual(none);
    expect(await complaint(id)).toMatchObject({
      first_response_warned_at: after(22 * H),
      first_response_breached_at: null,
    });

    // On the due second it is not missed yet; one second later it is, and level 1 (at +0) comes with it.
    expect(await sweepAt(after(24 * H))).toEqual(none);
    expect(await sweepAt(after(24 * H + S))).toEqual({ ...none, breached: 1, escalated: 1 });
    expect(await sweepAt(after(24 * H + 2 * S))).toEqual(none);
    expect(await complaint(id)).toMatchObject({
      first_response_breached_at: after(24 * H + S),
      escalation_level: 1,
    });
    const [firstBreach] = await eventsOf(id, BREACHED);
    expect(firstBreach.data).toMatchObject({
      clock: 'first-response',
      dueAt: after(24 * H).toISOString(),
      breachedAt: after(24 * H + S).toISOString(),
      escalationLevel: 1,
      priority: 'P3',
      storeId: 'SH-001',
      ownerId: 'u-agent',
    });

    // Level 2 (management) a day after the deadline, whichever clock brings it.
    expect(await sweepAt(after(48 * H))).toEqual(none);
    expect(await sweepAt(after(48 * H + S))).toEqual({ ...none, escalated: 1 });

    // The solution clock: warned at 70 h, breached after 72 h. Its breach climbs the chain on its own
    // (the first response's levels do not hold it back): the owner's lead now, management a day later.
    expect(await sweepAt(after(70 * H))).toEqual({ ...none, warned: 1 });
    expect(await sweepAt(after(72 * H + S))).toEqual({ ...none, breached: 1, escalated: 1 });
    expect(await sweepAt(after(96 * H + S))).toEqual({ ...none, escalated: 1 });
    expect(await sweepAt(after(90 * D))).toEqual(none); // the chain ends at level 2

    const breaches = await eventsOf(id, BREACHED);
    expect(breaches.map((e) => [e.data.clock, e.data.escalationLevel])).toEqual([
      ['first-response', 1],
      ['resolution', 1],
    ]);
    expect((await history(id)).map((e) => [e.action, e.details])).toEqual([
      ['sla-warning', { clock: 'first-response', dueAt: after(24 * H).toISOString() }],
      ['sla-breached', { clock: 'first-response', dueAt: after(24 * H).toISOString() }],
      ['escalated', { level: 1, to: 'owner-lead', clock: 'first-response' }],
      ['escalated', { level: 2, to: 'management', clock: 'first-response' }],
      ['sla-warning', { clock: 'resolution', dueAt: after(72 * H).toISOString() }],
      ['sla-breached', { clock: 'resolution', dueAt: after(72 * H).toISOString() }],
      ['escalated', { level: 1, to: 'owner-lead', clock: 'resolution' }],
      ['escalated', { level: 2, to: 'management', clock: 'resolution' }],
    ]);
    expect(new Set((await history(id)).map((e) => e.actor_id))).toEqual(new Set(['sla-sweeper']));
    // Each warning reminds the owner; each level reached tells the notification sender whom to alert.
    expect(
      (await eventsOf(id, Subjects.complaints.complaintDeadlineApproaching)).map((e) => [
        e.data.clock,
        e.data.dueAt,
        e.data.ownerId,
      ]),
    ).toEqual([
      ['first-response', after(24 * H).toISOString(), (await complaint(id)).owner_id],
      ['resolution', after(72 * H).toISOString(), (await complaint(id)).owner_id],
    ]);
    // Their notification requests, written in the change's one statement (writeTogether) after the
    // reminder rule read the store's time zone in the sweep's transaction.
    const [calendar] = await h.sql<{ time_zone: string }>(
      `SELECT time_zone FROM store_calendar WHERE store_id IN ($1, '*') ORDER BY store_id = '*' LIMIT 1`,
      [(await complaint(id)).store_id],
    );
    const reminders = await h.sql<{ recipient_id: string; params: Record<string, unknown> }>(
      `SELECT recipient_id, params FROM notification_request
        WHERE about_id = $1 AND template = 'complaint-sla-reminder' ORDER BY params->>'clockEn'`,
      [id],
    );
    expect(reminders.map((r) => [r.recipient_id, r.params.clockEn, r.params.zone])).toEqual([
      [(await complaint(id)).owner_id, 'first-response', calendar.time_zone],
      [(await complaint(id)).owner_id, 'resolution', calendar.time_zone],
    ]);
    expect(
      (await eventsOf(id, Subjects.complaints.complaintEscalated)).map((e) => [
        e.data.level,
        e.data.to,
        e.data.reason,
      ]),
    ).toEqual([
      [1, 'owner-lead', 'first-response-sla'],
      [2, 'management', 'first-response-sla'],
      [1, 'owner-lead', 'resolution-sla'],
      [2, 'management', 'resolution-sla'],
    ]);

    // The outbox relay publishes them to JetStream.
    await waitFor(
      async () =>
        (
          await h.sql(
            `SELECT 1 FROM outbox WHERE subject = $1 AND aggregate_id = $2 AND published_at IS NOT NULL`,
            [BREACHED, id],
          )
        ).length === 2,
      10_000,
      'breach events relayed',
    );

    const metrics = (await h.request('GET', '/metrics')).body;
    expect(metrics).toMatch(/complaints_sla_breaches_total\{[^}]*clock="first-response"[^}]*\} 1\n/);
    expect(metrics).toMatch(/complaints_sla_warnings_total\{[^}]*clock="resolution"[^}]*\} 1\n/);
    expect(metrics).toMatch(/complaints_escalations_total\{[^}]*level="2"[^}]*\} 2\n/);
  });

  it('escalates several levels at once when a sweep comes late, in order, one history entry each', async () => {
    const id = await insert();
    expect(await sweepAt(after(60 * H))).toEqual({ ...none, breached: 1, escalated: 2 });
    expect((await eventsOf(id, BREACHED)).map((e) => e.data.escalationLevel)).toEqual([2]);
    expect((await history(id)).filter((e) => e.action === 'escalated').map((e) => e.details.level)).toEqual([
      1, 2,
    ]);
  });

  it('still escalates a breach to management when the stored chain names nobody (written behind the API)', async () => {
    const [{ escalation_chain: seeded }] = await h.sql<{ escalation_chain: unknown }>(
      `SELECT escalation_chain FROM complaint_policy WHERE id = 1`,
    );
    await h.changePolicyRows(`UPDATE complaint_policy SET escalation_chain = '[[]]' WHERE id = 1`);
    try {
      const id = await insert();
      expect(await sweepAt(after(24 * H + S))).toEqual({ ...none, breached: 1, escalated: 1 });
      expect(
        (await eventsOf(id, Subjects.complaints.complaintEscalated)).map((e) => [e.data.level, e.data.to]),
      ).toEqual([[1, 'management']]);
    } finally {
      await h.changePolicyRows(`UPDATE complaint_policy SET escalation_chain = $1 WHERE id = 1`, [
        JSON.stringify(seeded),
      ]);
    }
  });

  it('escalates before the deadline when a level fires ahead of it (negative afterMinutes)', async () => {
    const [{ escalation_chain: seeded }] = await h.sql<{ escalation_chain: unknown }>(
      `SELECT escalation_chain FROM complaint_policy WHERE id = 1`,
    );
    await h.changePolicyRows(`UPDATE complaint_policy SET escalation_chain = $1 WHERE id = 1`, [
      JSON.stringify([{ level: 1, to: 'owner-lead', afterMinutes: -60 }]),
    ]);
    try {
      const id = await insert();
      expect(await sweepAt(after(22 * H))).toMatchObject({ breached: 0, escalated: 0 });
      expect(await sweepAt(after(23 * H + S))).toMatchObject({ breached: 0, escalated: 1 });
      expect((await history(id)).filter((e) => e.action === 'escalated').map((e) => e.details.level)).toEqual(
        [1],
      );
    } finally {
      await h.changePolicyRows(`UPDATE complaint_policy SET escalation_chain = $1 WHERE id = 1`, [
        JSON.stringify(seeded),
      ]);
    }
  });

  it('finds complaints due for escalation through the deadline indexes, not by reading every open complaint', async () => {
    // 20,000 open complaints, none near a deadline: the sweep every 30 s must not read them all.
    await h.sql(
      `INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major, status, owner_id,
         store_id, description, received_at, recorded_at, recorded_by, first_response_due_at, resolution_due_at,
         resolution_clock_started_at, first_response_hours, resolution_hours, updated_at)
       SELECT gen_random_uuid(), 'C-P-' || i, 'hotline', 'product-quality', 'medium', 'medium', 'P3', false, 'received',
         'u-agent', 'SH-001', 'The zip broke.', $1::timestamptz, $1::timestamptz, 'u-agent',
         $1::timestamptz + interval '24 hours', $1::timestamptz + interval '72 hours', $1::timestamptz, 24, 72, $1::timestamptz
       FROM generate_series(1, 20000) i`,
      [T0],
    );
    await h.sql(`ANALYZE complaint`);
    const repo = h.svc.app.get(ComplaintRepository);
    const chain = [
      { level: 1, afterMinutes: 0 },
      { level: 2, afterMinutes: 1440 },
    ];
    const [sql, params] = repo
      .dueForEscalation(h.get(DataSource).manager, T0, chain, 200)
      .getQueryAndParameters();
    const plan = await h.plan(sql, params);
    expect(plan).not.toContain('Seq Scan on complaint');
    expect(plan).toContain('ix_complaint_resolution_due');
  });

  it('emits each breach exactly once when two replicas sweep at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(await insert({ firstResponseDueAt: after(-2 * H), resolutionDueAt: after(-H) }));
    // A second app on the same database: a second replica with its own pool.
    const b = await replica();
    try {
      const sweeperB = b.app.get(SlaSweeper);
      clock.set(T0);
      const counts = await Promise.all([
        sweeper.sweepOnce(),
        sweeperB.sweepOnce(),
        sweeper.sweepOnce(),
        sweeperB.sweepOnce(),
      ]);
      expect(counts.reduce((n, c) => n + c.breached, 0)).toBe(60);
      expect(counts.filter((c) => c.breached > 0).length).toBeGreaterThan(1); // they shared the rows
      expect(counts.reduce((n, c) => n + c.escalated, 0)).toBe(60); // level 1 for each missed clock
    } finally {
      await b.stop();
    }
    const perClock = await h.sql<{ aggregate_id: string; clock: string; n: number }>(
      `SELECT aggregate_id, payload::jsonb #>> '{data,clock}' AS clock, count(*)::int AS n FROM outbox
        WHERE subject = $1 AND aggregate_id = ANY($2) GROUP BY 1, 2`,
      [BREACHED, ids],
    );
    expect(perClock).toHaveLength(60);
    expect(perClock.every((r) => r.n === 1)).toBe(true);
    const [{ n }] = await h.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM complaint_history WHERE action = 'sla-breached' AND complaint_id = ANY($1)`,
      [ids],
    );
    expect(n).toBe(60);
    // Nothing is left for a later sweep.
    expect(await sweepAt(T0)).toEqual(none);
  });

  it('sweeps by itself every SLA_SWEEP_INTERVAL_MS once the app has started, and stops with it', async () => {
    const id = await insert({ firstResponseDueAt: after(-H) });
    clock.set(T0);
    const b = await replica({ SLA_SWEEP_INTERVAL_MS: '1000' });
    try {
      expect(await complaint(id)).toMatchObject({ first_response_breached_at: null }); // not at once: after one interval
      await waitFor(
        async () => (await complaint(id)).first_response_breached_at !== null,
        5_000,
        'the scheduled sweep',
      );
    } finally {
      await b.stop();
    }
    expect(await eventsOf(id, BREACHED)).toHaveLength(1);
  });

  it('does not breach a paused solution clock, and moves the deadline by the pause once resumed', async () => {
    // Answered, then waiting for the customer since 10 h after receipt: no solution deadline.
    const id = await insert({
      status: 'waiting-for-customer',
      firstRespondedAt: after(H),
      resolutionDueAt: null,
    });
    await h.sql(
      `INSERT INTO complaint_sla_pause (id, complaint_id, reason, paused_at, paused_by) VALUES ($1, $2, 'waiting-for-customer', $3, 'u-agent')`,
      [uuidv7(), id, after(10 * H)],
    );
    expect(await sweepAt(after(200 * H))).toEqual(none);
    expect(await complaint(id)).toMatchObject({ resolution_breached_at: null, escalation_level: 0 });

    // The customer answers 190 h later: the 62 h left start running again.
    await h.sql(
      `UPDATE complaint_sla_pause SET resumed_at = $2, resumed_by = 'u-agent' WHERE complaint_id = $1`,
      [id, after(200 * H)],
    );
    const pauses = await h.sql<{ paused_at: Date; resumed_at: Date }>(
      `SELECT paused_at, resumed_at FROM complaint_sla_pause WHERE complaint_id = $1`,
      [id],
    );
    const { resolutionDueAt } = promisedDeadlines(
      { ...DEFAULT_PROMISE, receivedAt: T0, resolutionClockStartedAt: T0 },
      pauses.map((p) => ({ pausedAt: p.paused_at, resumedAt: p.resumed_at })),
    );
    expect(resolutionDueAt).toEqual(after(262 * H));
    await h.sql(`UPDATE complaint SET status = 'in-progress', resolution_due_at = $2 WHERE id = $1`, [
      id,
      resolutionDueAt,
    ]);

    expect(await sweepAt(after(262 * H))).toEqual({ ...none, warned: 1 });
    expect(await sweepAt(after(262 * H + S))).toMatchObject({ breached: 1 });
    expect((await eventsOf(id, BREACHED)).map((e) => e.data.dueAt)).toEqual([after(262 * H).toISOString()]);
  });

  it('gives a reopened complaint a fresh solution clock instead of breaching it at once for its age', async () => {
    const reopenedAt = after(30 * D);
    const old = { receivedAt: T0, firstRespondedAt: after(H) };
    const { resolutionDueAt } = promisedDeadlines(
      { ...DEFAULT_PROMISE, receivedAt: T0, resolutionClockStartedAt: reopenedAt },
      [],
    );
    expect(resolutionDueAt).toEqual(new Date(reopenedAt.getTime() + 72 * H));
    const reopened = await insert({
      ...old,
      status: 'reopened',
      resolutionClockStartedAt: reopenedAt,
      resolutionDueAt,
    });
    // The same complaint with the clock left at receipt: it would breach at once.
    const stale = await insert({ ...old, status: 'reopened' });

    expect(await sweepAt(reopenedAt)).toMatchObject({ breached: 1 });
    expect(await eventsOf(reopened, BREACHED)).toEqual([]);
    expect(await eventsOf(stale, BREACHED)).toHaveLength(1);

    expect(await sweepAt(new Date(reopenedAt.getTime() + 72 * H + S))).toMatchObject({ breached: 1 });
    expect((await eventsOf(reopened, BREACHED)).map((e) => e.data.clock)).toEqual(['resolution']);
  });

  it('closes complaints quiet in "resolved" for the auto-close days, and tells the customer how to reopen', async () => {
    const now = after(40 * D);
    const quiet = await insert({
      status: 'resolved',
      firstRespondedAt: after(H),
      resolvedAt: new Date(now.getTime() - 7 * D),
    });
    const recent = await insert({
      status: 'resolved',
      firstRespondedAt: after(H),
      resolvedAt: new Date(now.getTime() - 7 * D + S),
    });

    expect(await sweepAt(now)).toEqual({ ...none, autoClosed: 1 });
    expect(await complaint(quiet)).toMatchObject({
      status: 'closed',
      closed_at: now,
      updated_at: now,
      version: 2,
    });
    expect(await complaint(recent)).toMatchObject({ status: 'resolved', closed_at: null });
    expect(await history(quiet)).toEqual([
      {
        action: 'auto-closed',
        actor_id: 'sla-sweeper',
        from_status: 'resolved',
        to_status: 'closed',
        details: { resolvedAt: new Date(now.getTime() - 7 * D).toISOString(), quietDays: 7 },
      },
    ]);
    const [update] = await eventsOf(quiet, UPDATED);
    expect(update.data).toMatchObject({
      status: 'closed',
      change: 'auto-closed',
      occurredAt: now.toISOString(),
    });
    expect(update.data.customerMessage).toMatch(
      /closed your complaint C-T-\d+.*reply to this message and we will reopen it/,
    );
    expect(await eventsOf(recent, UPDATED)).toEqual([]);

    expect(await sweepAt(new Date(now.getTime() + S))).toEqual({ ...none, autoClosed: 1 });
    expect(await complaint(recent)).toMatchObject({ status: 'closed' });
  });

  it("counts business-hours targets in the store's calendar (Berlin, across the DST change)", async () => {
    await h.changePolicyRows(
      `INSERT INTO store_calendar (store_id, time_zone, weekly, holidays) VALUES ('BER-01', 'Europe/Berlin', $1, '{2026-03-31}')`,
      [
        JSON.stringify(
          Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ from: '09:00', to: '18:00' }]])),
        ),
      ],
    );
    await h.changePolicyRows(
      `INSERT INTO sla_rule (id, priority, channel, tier, first_response_hours, resolution_hours, business_hours)
       VALUES ($1, NULL, 'store-box', NULL, 4, 16, true)`,
      [uuidv7()],
    );
    // Friday 27 March 17:00 CET. First response: 1 h on Friday, 3 h on Monday from 09:00 CEST
    // (the clocks went forward on Sunday): Monday 12:00 CEST = 10:00Z, 65 hours on the wall.
    // Solution: 1 h Friday + 9 h Monday, Tuesday 31 March is a holiday, 6 h Wednesday: 15:00 CEST.
    const receivedAt = new Date('2026-03-27T16:00:00Z');
    const facts = {
      priority: 'P3',
      channel: 'store-box',
      tier: null,
      storeId: 'BER-01',
      receivedAt,
    } as const;
    const schedule = await sla.scheduleFor(facts);
    expect(schedule).toMatchObject({
      firstResponseDueAt: new Date('2026-03-30T10:00:00Z'),
      resolutionDueAt: new Date('2026-04-01T13:00:00Z'),
      promise: { firstResponseHours: 4, resolutionHours: 16, calendar: { timeZone: 'Europe/Berlin' } },
    });
    // What was promised is counted later as promised: the hours and the calendar stored with the complaint.
    const promised = {
      receivedAt,
      resolutionClockStartedAt: receivedAt,
      firstResponseHours: 5,
      resolutionHours: 16,
      slaCalendar: schedule.promise.calendar,
      slaRuleId: schedule.promise.ruleId,
    };
    expect(promisedDeadlines(promised, []).firstResponseDueAt).toEqual(new Date('2026-03-30T11:00:00Z'));
    // A store without a calendar of its own counts in the default one ('*': Shanghai, 10:00-22:00 daily).
    expect(
      (await sla.scheduleFor({ ...facts, storeId: 'NO-CALENDAR', receivedAt: T0 })).firstResponseDueAt,
    ).toEqual(after(6 * H));

    const id = await insert({
      ...facts,
      ...schedule,
      targets: schedule.promise,
      calendar: schedule.promise.calendar,
    });
    expect(await sweepAt(new Date('2026-03-30T07:59:59Z'))).toEqual(none); // 2 h before the due time, less a second
    expect(await sweepAt(new Date('2026-03-30T08:00:00Z'))).toEqual({ ...none, warned: 1 });
    expect(await sweepAt(new Date('2026-03-30T10:00:01Z'))).toEqual({ ...none, breached: 1, escalated: 1 });

    const row = await complaint(id);
    const explanation = explainPromised(
      {
        receivedAt,
        resolutionClockStartedAt: receivedAt,
        firstRespondedAt: null,
        resolvedAt: null,
        firstResponseHours: row.first_response_hours as number,
        resolutionHours: row.resolution_hours as number,
        slaCalendar: row.sla_calendar as BusinessCalendar,
        slaRuleId: null,
      },
      [],
      new Date('2026-03-30T10:00:01Z'),
    );
    expect(explanation.firstResponse).toMatchObject({
      state: 'breached',
      businessHours: true,
      timeZone: 'Europe/Berlin',
      dueAt: '2026-03-30T10:00:00.000Z',
    });
    expect(explanation.resolution).toMatchObject({
      state: 'pending',
      usedMs: 4 * H + S,
      remainingMs: 12 * H - S,
    });
  });
});
