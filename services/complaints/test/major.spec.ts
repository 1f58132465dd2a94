import { Subjects } from '@cx/contracts';
import { HOUR_MS } from '@cx/platform';
import { validComplaint } from '@cx/testing';
import { SlaSweeper } from '../src/sla/sla.sweeper';
import { ComplaintsHarness } from './support';

describe('major complaints go to management at once, with an emergency plan (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const escalations = async (
    complaintId: string,
    subject: string = Subjects.complaints.complaintEscalatedV2,
  ) => (await h.outbox(subject)).filter((e) => e.data.complaintId === complaintId).map((e) => e.data);

  it('lets the lead edit a category emergency plan template, refusing a bad step by field', async () => {
    const bad = await h.request('PATCH', '/api/v1/admin/policies/categories/safety', {
      as: 'lead',
      body: { planTemplate: [{ title: 'Withdraw the batch', dueAfterHours: -1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('planTemplate.0.dueAfterHours');
    expect(
      (
        await h.request('PATCH', '/api/v1/admin/policies/categories/safety', {
          as: 'agent',
          body: { planTemplate: [] },
        })
      ).statusCode,
    ).toBe(403);

    const ok = await h.request('PATCH', '/api/v1/admin/policies/categories/safety', {
      as: 'lead',
      body: {
        planTemplate: [
          {
            title: 'Withdraw the batch from sale',
            ownerId: 'E-QA-1',
            department: 'quality',
            dueAfterHours: 2,
          },
          { title: 'Call the customer back', dueAfterHours: 0.5 },
        ],
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().planTemplate).toHaveLength(2);
  });

  it('escalates a major complaint to management at intake exactly once (a retried intake, a later sweep) and starts its plan', async () => {
    const body = validComplaint({ category: 'safety', receivedAt: h.clock.now().toISOString() });
    const headers = { 'idempotency-key': 'major-1' };
    const first = await h.request('POST', '/api/v1/complaints', {
      as: 'agent',
      sub: 'agent-7',
      body,
      headers,
    });
    expect(first.statusCode).toBe(201);
    const c = first.json();
    const again = await h.request('POST', '/api/v1/complaints', {
      as: 'agent',
      sub: 'agent-7',
      body,
      headers,
    });
    expect(again.statusCode).toBe(200);

    const [row] = await h.sql(
      `SELECT is_major, escalation_level, escalation_levels FROM complaint WHERE id = $1`,
      [c.id],
    );
    expect(row).toEqual({ is_major: true, escalation_level: 2, escalation_levels: { 'major-complaint': 2 } });
    expect(await escalations(c.id)).toEqual([
      expect.objectContaining({
        reason: 'major-complaint',
        level: 2,
        to: 'management',
        why: 'category safety is major',
        ownerId: 'agent-7',
      }),
    ]);
    // .v1 cannot say "major": nothing there for this cause.
    expect(await escalations(c.id, Subjects.complaints.complaintEscalated)).toEqual([]);

    const plan = (await h.request('GET', `/api/v1/complaints/${c.id}/plan`, { as: 'agent' })).json();
    const received = new Date(c.receivedAt).getTime();
    expect(
      plan.map((s: { title: string; ownerId: string; dueAt: string }) => [
        s.title,
        s.ownerId,
        new Date(s.dueAt).getTime() - received,
      ]),
    ).toEqual([
      ['Withdraw the batch from sale', 'E-QA-1', 2 * HOUR_MS],
      ['Call the customer back', 'agent-7', 0.5 * HOUR_MS],
    ]);
    const history = (await h.request('GET', `/api/v1/complaints/${c.id}/history`, { as: 'agent' })).json();
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'escalated',
      'emergency-plan-started',
    ]);

    // A missed first response later climbs the chain on its own cause; the major escalation is not repeated.
    h.clock.advance(25 * HOUR_MS);
    await h.get(SlaSweeper).sweepOnce();
    const all = await escalations(c.id);
    expect(all.filter((e) => e.reason === 'major-complaint')).toHaveLength(1);
    expect(all.filter((e) => e.reason === 'first-response-sla').length).toBeGreaterThan(0);
    expect(await escalations(c.id, Subjects.complaints.complaintEscalated)).toEqual(
      all
        .filter((e) => e.reason !== 'major-complaint')
        .map((e) => {
          const { why: _why, ...v1 } = e;
          return v1;
        }),
    );
  });

  it('escalates a complaint that becomes major (a second department) once, with a plan due from then', async () => {
    const c = (
      await h.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: validComplaint({ category: 'delivery' }),
      })
    ).json();
    expect(c.isMajor).toBe(false);
    expect(await escalations(c.id)).toEqual([]);

    await h.request('PATCH', '/api/v1/admin/policies/categories/delivery', {
      as: 'lead',
      body: { planTemplate: [{ title: 'Find the parcel with the carrier', dueAfterHours: 4 }] },
    });
    h.clock.advance(HOUR_MS);
    const assigned = await h.request('POST', `/api/v1/complaints/${c.id}/assign`, {
      as: 'agent',
      body: { department: 'quality' },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().isMajor).toBe(true);
    await h.request('POST', `/api/v1/complaints/${c.id}/assign`, {
      as: 'agent',
      body: { department: 'finance' },
    });

    expect((await escalations(c.id)).map((e) => [e.reason, e.to, e.why])).toEqual([
      ['major-complaint', 'management', '2 departments must act'],
    ]);
    const plan = (await h.request('GET', `/api/v1/complaints/${c.id}/plan`, { as: 'agent' })).json();
    expect(plan).toHaveLength(1);
    expect(new Date(plan[0].dueAt).getTime()).toBe(h.clock.now().getTime() + 4 * HOUR_MS);
  });

  it('does not escalate an ordinary complaint', async () => {
    const c = (await h.request('POST', '/api/v1/complaints', { as: 'agent', body: validComplaint() })).json();
    expect(await escalations(c.id)).toEqual([]);
    expect((await h.request('GET', `/api/v1/complaints/${c.id}/plan`, { as: 'agent' })).json()).toEqual([]);
  });
});
