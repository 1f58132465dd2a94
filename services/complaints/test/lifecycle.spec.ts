// The life cycle keeps its own rules (real Postgres and NATS): no sequence of pause, resume and status
// calls gets a case stuck; the SLA promised at intake stays promised; each cause of escalation climbs
// the chain on its own, so every breach reaches someone; a merge is a status change like any other.
import { Subjects } from '@cx/contracts';
import { HOUR_MS as H, ManualClock, SECOND_MS as S } from '@cx/platform';
import { validComplaint, waitFor } from '@cx/testing';
import { ComplaintChanges } from '../src/complaint/complaint.changes';
import { ComplaintService } from '../src/complaint/complaint.service';
import { SlaSweeper } from '../src/sla/sla.sweeper';
import { ComplaintsHarness } from './support';

/** Monday 2 March 2026, 09:00 UTC. */
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (iso: string) => new Date(iso).toISOString();

describe('complaint life cycle (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;
  let sweeper: SlaSweeper;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    h = await ComplaintsHarness.start({ clock });
    sweeper = h.get(SlaSweeper);
  });

  afterAll(async () => {
    await h?.stop();
  });

  let orders = 0;
  const create = async (over: Record<string, unknown> = {}) => {
    const res = await h.request('POST', '/api/v1/complaints', {
      as: 'agent',
      body: validComplaint({ orderId: `SO-LC-${++orders}`, ...over }),
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; receivedAt: string; resolutionDueAt: string | null }>();
  };
  const status = (id: string, body: Record<string, unknown>) =>
    h.request('POST', `/api/v1/complaints/${id}/status`, { as: 'agent', body });
  const pause = (id: string, reason: string) =>
    h.request('POST', `/api/v1/complaints/${id}/sla/pause`, { as: 'agent', body: { reason } });
  const resume = (id: string) =>
    h.request('POST', `/api/v1/complaints/${id}/sla/resume`, { as: 'agent', body: {} });
  const pauses = (id: string) =>
    h.sql<{ reason: string; paused_at: Date; resumed_at: Date | null }>(
      `SELECT reason, paused_at, resumed_at FROM complaint_sla_pause WHERE complaint_id = $1 ORDER BY paused_at, resumed_at NULLS LAST`,
      [id],
    );
  const eventsOf = async (id: string, subject: string) =>
    (await h.outbox(subject)).filter((e) => e.data.complaintId === id).map((e) => e.data);
  const escalations = async (id: string) =>
    (await eventsOf(id, Subjects.complaints.complaintEscalated)).map((e) => [e.level, e.to, e.reason]);

  describe('pauses never get a case stuck', () => {
    it('refuses to resume a clock the status waiting-for-customer holds; leaving that status resumes it', async () => {
      clock.set(T0);
      const c = await create();
      expect((await status(c.id, { status: 'in-progress' })).statusCode).toBe(200);
      expect((await status(c.id, { status: 'waiting-for-customer', message: 'A photo?' })).statusCode).toBe(
        200,
      );
      const refused = await resume(c.id);
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect(refused.json().code).toBe('WAITING_FOR_CUSTOMER');

      clock.set(new Date(T0.getTime() + 10 * H));
      const back = await status(c.id, { status: 'in-progress' });
      expect(back.statusCode).toBe(200);
      expect(new Date(back.json().resolutionDueAt).getTime() - T0.getTime()).toBe((72 + 10) * H);
      expect((await resume(c.id)).json().code).toBe('NOT_PAUSED');
    });

    it('moves on a case left waiting for the customer without an open pause (stuck before the fix)', async () => {
      clock.set(T0);
      const c = await create();
      await status(c.id, { status: 'waiting-for-customer', message: 'A photo?' });
      await h.sql(
        `UPDATE complaint_sla_pause SET resumed_at = $2, resumed_by = 'u-agent' WHERE complaint_id = $1`,
        [c.id, new Date(T0.getTime() + H)],
      );
      await h.sql(`UPDATE complaint SET resolution_due_at = $2 WHERE id = $1`, [
        c.id,
        new Date(T0.getTime() + 73 * H),
      ]);
      clock.set(new Date(T0.getTime() + 2 * H));
      const back = await status(c.id, { status: 'in-progress' });
      expect(back.statusCode).toBe(200);
      expect(back.json().resolutionDueAt).toBe(new Date(T0.getTime() + 73 * H).toISOString());
    });

    it('lets waiting for the customer take over a pause for parts, one pause open at a time', async () => {
      clock.set(T0);
      const c = await create();
      await status(c.id, { status: 'in-progress' });
      clock.set(new Date(T0.getTime() + H));
      expect((await pause(c.id, 'waiting-for-parts')).statusCode).toBe(200);
      clock.set(new Date(T0.getTime() + 3 * H));
      const waiting = await status(c.id, { status: 'waiting-for-customer', message: 'Which colour?' });
      expect(waiting.statusCode).toBe(200);
      expect(waiting.json().resolutionDueAt).toBeNull();
      expect((await pause(c.id, 'joint-team-decision')).json().code).toBe('ALREADY_PAUSED');
      expect((await resume(c.id)).json().code).toBe('WAITING_FOR_CUSTOMER');

      clock.set(new Date(T0.getTime() + 6 * H));
      const back = await status(c.id, { status: 'in-progress' });
      expect(back.statusCode).toBe(200);
      // Stopped from +1 h to +6 h: five hours later than the 72 promised.
      expect(new Date(back.json().resolutionDueAt).getTime() - T0.getTime()).toBe(77 * H);
      expect(await pauses(c.id)).toEqual([
        {
          reason: 'waiting-for-parts',
          paused_at: new Date(T0.getTime() + H),
          resumed_at: new Date(T0.getTime() + 3 * H),
        },
        {
          reason: 'waiting-for-customer',
          paused_at: new Date(T0.getTime() + 3 * H),
          resumed_at: new Date(T0.getTime() + 6 * H),
        },
      ]);
      // Still no parts: the agent pauses for them again, and resumes when they come.
      expect((await pause(c.id, 'waiting-for-parts')).statusCode).toBe(200);
      expect((await resume(c.id)).statusCode).toBe(200);
      const actions = (await h.request('GET', `/api/v1/complaints/${c.id}/history`, { as: 'agent' }))
        .json()
        .map((e: { action: string }) => e.action);
      expect(actions).toEqual([
        'created',
        'status-changed',
        'sla-paused',
        'sla-pause-ended',
        'sla-paused',
        'status-changed',
        'sla-resumed',
        'status-changed',
        'sla-paused',
        'sla-resumed',
      ]);
    });

    it('a change that waited for the lock sees the pause the change before it wrote (read with the lock)', async () => {
      clock.set(T0);
      const c = await create();
      expect((await status(c.id, { status: 'in-progress' })).statusCode).toBe(200);
      const changes = h.get(ComplaintChanges);
      const complaints = h.get(ComplaintService);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let paused!: () => void;
      const pausedNow = new Promise<void>((r) => (paused = r));
      // The first change pauses (waiting for the customer) and keeps the row locked until released.
      const first = changes.apply(c.id, 'E-1', async (x, rec, em) => {
        await complaints.transition(em, x, rec, 'waiting-for-customer', {
          actorId: 'E-1',
          message: 'A photo?',
        });
        paused();
        await held;
      });
      await pausedNow;
      // The second starts its lock statement (and so its snapshot) before the first commits, then waits.
      const second = changes.apply(c.id, 'E-2', (x, rec, em) =>
        complaints.transition(em, x, rec, 'in-progress', { actorId: 'E-2' }),
      );
      await waitFor(
        async () =>
          (
            await h.sql(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          ).length > 0,
        5_000,
        'the second change waiting for the lock',
      );
      release();
      await Promise.all([first, second]);
      // Leaving waiting-for-customer resumed the clock: the pause the first change wrote is ended.
      expect(await pauses(c.id)).toEqual([
        expect.objectContaining({ reason: 'waiting-for-customer', resumed_at: expect.any(Date) }),
      ]);
      const [row] = await h.sql<{ status: string; resolution_due_at: Date | null }>(
        `SELECT status, resolution_due_at FROM complaint WHERE id = $1`,
        [c.id],
      );
      expect(row).toEqual({ status: 'in-progress', resolution_due_at: expect.any(Date) });
    });
  });

  it('keeps the calendar and business hours promised at intake when the lead edits them later', async () => {
    clock.set(T0);
    const lead = { as: 'lead' as const };
    const weekdays = (from: string, to: string) =>
      Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ from, to }]]));
    for (const store of ['LC-1', 'LC-2'])
      expect(
        (
          await h.request('PUT', `/api/v1/admin/policies/calendars/${store}`, {
            ...lead,
            body: { timeZone: 'UTC', weekly: weekdays('09:00', '17:00'), holidays: [] },
          })
        ).statusCode,
      ).toBe(200);
    const rule = { channel: 'store-box', firstResponseHours: 4, resolutionHours: 16, businessHours: true };
    const created = await h.request('POST', '/api/v1/admin/policies/sla-rules', { ...lead, body: rule });
    expect(created.statusCode).toBe(201);
    const ruleId = created.json().id as string;

    // Received Monday 09:00: 16 working hours of 09:00-17:00 end on Tuesday at 17:00.
    const a = await create({ channel: 'store-box', storeId: 'LC-1' });
    const b = await create({ channel: 'store-box', storeId: 'LC-2' });
    expect([a.resolutionDueAt, b.resolutionDueAt]).toEqual([
      at('2026-03-03T17:00:00Z'),
      at('2026-03-03T17:00:00Z'),
    ]);

    // A's store opens around the clock from now on; A waited for its customer for one working hour.
    clock.set(new Date('2026-03-02T10:00:00Z'));
    await status(a.id, { status: 'waiting-for-customer', message: 'A photo?' });
    await h.request('PUT', '/api/v1/admin/policies/calendars/LC-1', {
      ...lead,
      body: {
        timeZone: 'UTC',
        weekly: Object.fromEntries(
          ['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]),
        ),
        holidays: [],
      },
    });
    clock.set(new Date('2026-03-02T11:00:00Z'));
    expect((await status(a.id, { status: 'in-progress' })).json().resolutionDueAt).toBe(
      at('2026-03-04T10:00:00Z'),
    );

    // The rule stops counting business hours; B waited from 11:00 to 12:00.
    await status(b.id, { status: 'waiting-for-customer', message: 'A photo?' });
    expect(
      (
        await h.request('PUT', `/api/v1/admin/policies/sla-rules/${ruleId}`, {
          ...lead,
          body: { ...rule, businessHours: false },
        })
      ).statusCode,
    ).toBe(200);
    clock.set(new Date('2026-03-02T12:00:00Z'));
    expect((await status(b.id, { status: 'in-progress' })).json().resolutionDueAt).toBe(
      at('2026-03-04T10:00:00Z'),
    );

    // Reopened Monday 13:00: a fresh 16 working hours, still in the promised calendar: Wednesday 13:00.
    clock.set(new Date('2026-03-02T13:00:00Z'));
    await status(a.id, { status: 'resolved', summary: 'Zip replaced.' });
    const reopened = await status(a.id, { status: 'reopened', reason: 'The new zip broke too.' });
    expect(reopened.json().resolutionDueAt).toBe(at('2026-03-04T13:00:00Z'));

    const explained = (await h.request('GET', `/api/v1/complaints/${a.id}/sla`, { as: 'agent' })).json();
    expect(explained).toMatchObject({
      ruleId,
      resolution: { businessHours: true, timeZone: 'UTC', dueAt: at('2026-03-04T13:00:00Z') },
    });
    await h.request('DELETE', `/api/v1/admin/policies/sla-rules/${ruleId}`, lead);
  });

  describe('each cause of escalation climbs the chain on its own', () => {
    const sweepAt = (t: Date) => {
      clock.set(t);
      return sweeper.sweepOnce();
    };

    it('escalates a breach after the case escalated for being reopened too often', async () => {
      clock.set(T0);
      const c = await create();
      for (let i = 0; i < 3; i++) {
        await status(c.id, { status: 'resolved', summary: `Attempt ${i + 1}.` });
        await status(c.id, { status: 'reopened', reason: 'the customer called back' });
      }
      expect(await escalations(c.id)).toEqual([[1, 'owner-lead', 'reopened-too-often']]);
      await sweepAt(new Date(T0.getTime() + 72 * H + S));
      expect(await escalations(c.id)).toEqual([
        [1, 'owner-lead', 'reopened-too-often'],
        [1, 'owner-lead', 'resolution-sla'],
      ]);
    });

    it('escalates a breach after a dissatisfied answer escalated the case', async () => {
      clock.set(T0);
      const c = await create();
      await status(c.id, { status: 'resolved', summary: 'Refunded.' });
      await h.publish(Subjects.surveys.responseSubmitted, {
        subject: { type: 'complaint', id: c.id },
        satisfied: false,
        csat: 1,
      });
      await waitFor(
        async () => (await escalations(c.id)).length === 1,
        10_000,
        'the dissatisfied answer escalated',
      );
      await sweepAt(new Date(T0.getTime() + 72 * H + S));
      expect(await escalations(c.id)).toEqual([
        [1, 'owner-lead', 'dissatisfied'],
        [1, 'owner-lead', 'resolution-sla'],
      ]);
      expect(
        (await eventsOf(c.id, Subjects.complaints.complaintSlaBreached)).map((e) => e.escalationLevel),
      ).toEqual([1]);
    });

    it('escalates the breach of a reopened round after the first round went up the whole chain', async () => {
      clock.set(T0);
      const c = await create();
      await status(c.id, { status: 'in-progress' });
      await sweepAt(new Date(T0.getTime() + 96 * H + S)); // levels 1 and 2 of the first round
      await status(c.id, { status: 'resolved', summary: 'Repaired.' });
      await status(c.id, { status: 'reopened', reason: 'broke again' });
      await sweepAt(new Date(T0.getTime() + (96 + 72) * H + 2 * S));
      expect(await escalations(c.id)).toEqual([
        [1, 'owner-lead', 'resolution-sla'],
        [2, 'management', 'resolution-sla'],
        [1, 'owner-lead', 'resolution-sla'],
      ]);
      const [row] = await h.sql(`SELECT escalation_level, escalation_levels FROM complaint WHERE id = $1`, [
        c.id,
      ]);
      expect(row).toEqual({ escalation_level: 2, escalation_levels: { 'resolution-sla': 1 } });
    });
  });

  it('merges a duplicate through the status machine: its open pause ends with it', async () => {
    clock.set(T0);
    const survivor = await create();
    const dup = await create({ channel: 'email' });
    await status(dup.id, { status: 'waiting-for-customer', message: 'Which order?' });
    const merged = await h.request('POST', `/api/v1/complaints/${survivor.id}/merge`, {
      as: 'lead',
      body: { duplicateId: dup.id },
    });
    expect(merged.statusCode).toBe(200);
    expect((await pauses(dup.id)).map((p) => p.resumed_at)).toEqual([T0]);
    const [row] = await h.sql(`SELECT status, merged_into, closed_at FROM complaint WHERE id = $1`, [dup.id]);
    expect(row).toEqual({ status: 'withdrawn', merged_into: survivor.id, closed_at: T0 });
    const history = (await h.request('GET', `/api/v1/complaints/${dup.id}/history`, { as: 'agent' })).json();
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'sla-paused',
      'status-changed',
      'sla-pause-ended',
      'merged-into',
    ]);
    expect(
      (await eventsOf(dup.id, Subjects.complaints.complaintUpdated)).map((e) => [e.status, e.change]),
    ).toEqual([
      ['received', 'received'],
      ['waiting-for-customer', 'waiting-for-customer'],
      ['withdrawn', 'merged'],
    ]);
  });
});
