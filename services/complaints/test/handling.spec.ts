import { Subjects } from '@cx/contracts';
import { HOUR_MS } from '@cx/platform';
import { validComplaint } from '@cx/testing';
import { ComplaintsHarness } from './support';

describe('handling a complaint (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const create = async (over: Record<string, unknown> = {}) =>
    (await h.request('POST', '/api/v1/complaints', { as: 'agent', body: validComplaint(over) })).json();
  const post = (url: string, body: unknown, as: 'agent' | 'lead' = 'agent') =>
    h.request('POST', url, { as, body });

  it('counts a customer-visible comment as the first response and tells the customer; internal notes stay internal', async () => {
    const c = await create();
    await post(`/api/v1/complaints/${c.id}/comments`, {
      visibility: 'internal',
      body: 'Supplier batch 42 again?',
    });
    let [row] = await h.sql(`SELECT status, first_responded_at FROM complaint WHERE id = $1`, [c.id]);
    expect(row).toEqual({ status: 'received', first_responded_at: null });

    const res = await post(`/api/v1/complaints/${c.id}/comments`, {
      visibility: 'customer',
      body: 'Sorry! We will replace the zip.',
    });
    expect(res.statusCode).toBe(201);
    [row] = await h.sql(`SELECT status, first_responded_at FROM complaint WHERE id = $1`, [c.id]);
    expect(row.status).toBe('acknowledged');
    expect(row.first_responded_at).not.toBeNull();
    const updates = (await h.outbox(Subjects.complaints.complaintUpdated)).filter(
      (e) => e.data.complaintId === c.id,
    );
    expect(updates.map((e) => [e.data.change, e.data.customerMessage])).toEqual([
      ['received', expect.stringContaining(c.reference)],
      ['acknowledged', 'Sorry! We will replace the zip.'],
    ]);
    const comments = (await h.request('GET', `/api/v1/complaints/${c.id}/comments`, { as: 'agent' })).json();
    expect(comments.map((x: { visibility: string }) => x.visibility)).toEqual(['internal', 'customer']);
  });

  it('pauses the solution clock for parts with the reason on record, and explains the clock', async () => {
    const c = await create();
    await post(`/api/v1/complaints/${c.id}/status`, { status: 'in-progress' });
    h.clock.advance(2 * HOUR_MS);
    expect(
      (await post(`/api/v1/complaints/${c.id}/sla/pause`, { reason: 'waiting-for-parts' })).json()
        .resolutionDueAt,
    ).toBeNull();
    expect(
      (await post(`/api/v1/complaints/${c.id}/sla/pause`, { reason: 'waiting-for-parts' })).statusCode,
    ).toBe(409);
    h.clock.advance(30 * HOUR_MS);
    const resumed = (await post(`/api/v1/complaints/${c.id}/sla/resume`, {})).json();
    expect(new Date(resumed.resolutionDueAt).getTime() - new Date(resumed.receivedAt).getTime()).toBe(
      (72 + 30) * HOUR_MS,
    );
    expect((await post(`/api/v1/complaints/${c.id}/sla/resume`, {})).statusCode).toBe(409);

    const explained = await h.request('GET', `/api/v1/complaints/${c.id}/sla`, { as: 'agent' });
    expect(explained.statusCode).toBe(200);
    expect(JSON.stringify(explained.json())).toContain('waiting-for-parts');
  });

  it('ends an open pause when the complaint is resolved, so a reopened case can pause again', async () => {
    const c = await create();
    await post(`/api/v1/complaints/${c.id}/status`, {
      status: 'waiting-for-customer',
      message: 'Photo please',
    });
    await post(`/api/v1/complaints/${c.id}/status`, { status: 'resolved', summary: 'Replaced' });
    await post(`/api/v1/complaints/${c.id}/status`, { status: 'reopened', reason: 'wrong size sent' });
    expect(
      (await post(`/api/v1/complaints/${c.id}/status`, { status: 'waiting-for-customer' })).statusCode,
    ).toBe(200);
    const pauses = await h.sql(
      `SELECT reason, resumed_at IS NOT NULL AS ended FROM complaint_sla_pause WHERE complaint_id = $1 ORDER BY paused_at`,
      [c.id],
    );
    expect(pauses).toEqual([
      { reason: 'waiting-for-customer', ended: true },
      { reason: 'waiting-for-customer', ended: false },
    ]);
  });

  it('runs a joint team with a plan of steps for a major complaint, tracked to the end', async () => {
    const minor = await create();
    expect(
      (
        await h.request('PUT', `/api/v1/complaints/${minor.id}/team`, {
          as: 'lead',
          body: { members: [{ memberId: 'Q1', department: 'quality', role: 'lead' }] },
        })
      ).statusCode,
    ).toBe(409);

    const c = await create({ category: 'safety' });
    const team = await h.request('PUT', `/api/v1/complaints/${c.id}/team`, {
      as: 'lead',
      body: {
        members: [
          { memberId: 'Q1', department: 'quality', role: 'lead' },
          { memberId: 'L7', department: 'legal', role: 'member' },
        ],
      },
    });
    expect(team.statusCode).toBe(200);
    const due = new Date(h.clock.now().getTime() + 48 * HOUR_MS).toISOString();
    const step = (
      await post(
        `/api/v1/complaints/${c.id}/plan`,
        { title: 'Recall batch 42 from shelves', ownerId: 'Q1', department: 'quality', dueAt: due },
        'lead',
      )
    ).json();
    expect(step).toMatchObject({ position: 1, doneAt: null });
    const done = await h.request('PATCH', `/api/v1/complaints/${c.id}/plan/${step.id}`, {
      as: 'agent',
      body: { done: true, outcome: 'All 120 jackets removed' },
    });
    expect(done.json().doneAt).toBeTruthy();
    const actions = (await h.request('GET', `/api/v1/complaints/${c.id}/history`, { as: 'agent' }))
      .json()
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(['created', 'escalated', 'team-set', 'plan-step-added', 'plan-step-done']);
  });

  it('escalates a complaint reopened more often than the policy allows, and withdrawal is final', async () => {
    const c = await create();
    for (let i = 0; i < 3; i++) {
      expect(
        (await post(`/api/v1/complaints/${c.id}/status`, { status: 'resolved', summary: `attempt ${i}` }))
          .statusCode,
      ).toBe(200);
      expect(
        (await post(`/api/v1/complaints/${c.id}/status`, { status: 'reopened', reason: 'still broken' }))
          .statusCode,
      ).toBe(200);
    }
    const [row] = await h.sql(`SELECT reopen_count, escalation_level FROM complaint WHERE id = $1`, [c.id]);
    expect(row).toEqual({ reopen_count: 3, escalation_level: 1 }); // threshold 2: the third reopening escalates

    const w = await create();
    expect(
      (await post(`/api/v1/complaints/${w.id}/status`, { status: 'withdrawn' })).json().errors[0].field,
    ).toBe('reason');
    expect(
      (
        await post(`/api/v1/complaints/${w.id}/status`, {
          status: 'withdrawn',
          reason: 'customer found the receipt',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await post(`/api/v1/complaints/${w.id}/status`, { status: 'reopened', reason: 'x' })).statusCode,
    ).toBe(409);
  });

  it('answers 404 problem+json for an unknown complaint and 400 for a malformed id', async () => {
    const missing = await h.request('GET', '/api/v1/complaints/0192f0a5-0000-7000-8000-0000000000ff', {
      as: 'agent',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('COMPLAINT_NOT_FOUND');
    expect((await h.request('GET', '/api/v1/complaints/not-a-uuid', { as: 'agent' })).statusCode).toBe(400);
  });

  it('refuses a lead of another department on the routes open to leads; the complaints lead acts', async () => {
    const c = await create();
    const url = `/api/v1/complaints/${c.id}`;
    const crmLead = { as: 'lead' as const, sub: 'crm-lead', dept: 'crm' };
    const takeOver = { toOwnerId: 'crm-lead', reason: 'taking this one' };
    const refused = await Promise.all([
      h.request('GET', '/api/v1/complaints', crmLead),
      h.request('GET', url, crmLead),
      h.request('POST', `${url}/status`, { ...crmLead, body: { status: 'in-progress' } }),
      h.request('POST', `${url}/transfer`, { ...crmLead, body: takeOver }),
      h.request('GET', `${url}/history`, crmLead),
    ]);
    for (const res of refused) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN_ROLE', details: { requiredDept: 'complaints' } });
    }
    expect(await h.sql(`SELECT status, owner_id FROM complaint WHERE id = $1`, [c.id])).toEqual([
      { status: 'received', owner_id: c.ownerId },
    ]);

    const moved = await h.request('POST', `${url}/transfer`, {
      as: 'lead',
      sub: 'complaints-lead',
      body: { ...takeOver, toOwnerId: 'complaints-lead' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().ownerId).toBe('complaints-lead');
  });
});
