// What the handling endpoints answer: views, never entities, and the same complaint view everywhere
// (isVip by the policy's VIP tiers on every answer, not only at intake and on status changes).
import { Subjects } from '@cx/contracts';
import { validComplaint, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { ComplaintsHarness } from './support';

describe('handling answers views (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;
  let vipCustomer: string;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
    vipCustomer = randomUUID();
    await h.publish(Subjects.crm.customerTierChanged, {
      customerId: vipCustomer,
      fromTier: 'silver',
      toTier: 'gold',
      changedAt: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        (await h.sql(`SELECT 1 FROM customer_tier WHERE customer_id = $1`, [vipCustomer])).length === 1,
      10_000,
      'tier read model',
    );
  });

  afterAll(async () => {
    await h?.stop();
  });

  const create = async (over: Record<string, unknown> = {}) => {
    const r = await h.request('POST', '/api/v1/complaints', { as: 'agent', body: validComplaint(over) });
    expect(r.statusCode).toBe(201);
    return r.json<{ id: string; isVip: boolean }>();
  };
  const post = async (url: string, body: unknown = {}) => {
    const r = await h.request('POST', url, { as: 'agent', sub: 'u-agent', body });
    expect(r.statusCode).toBeLessThan(300);
    return r.json<Record<string, unknown>>();
  };

  it('answers isVip true for a VIP customer from transfer, assign, pause, resume and merge', async () => {
    const c = await create({ customerId: vipCustomer, complainant: undefined });
    expect(c.isVip).toBe(true);
    const base = `/api/v1/complaints/${c.id}`;
    await post(`${base}/status`, { status: 'in-progress' });
    const answers = {
      transfer: await post(`${base}/transfer`, { toOwnerId: 'u-agent', reason: 'Back from leave' }),
      assign: await post(`${base}/assign`, { department: 'quality' }),
      pause: await post(`${base}/sla/pause`, { reason: 'waiting-for-parts' }),
      resume: await post(`${base}/sla/resume`),
      merge: await post(`${base}/merge`, { duplicateId: (await create({ channel: 'email' })).id }),
    };
    for (const [action, view] of Object.entries(answers))
      expect({ action, id: view.id, isVip: view.isVip }).toEqual({ action, id: c.id, isVip: true });
  });

  it('answers comments, history, team and plan as views with ISO times and nothing else', async () => {
    const c = await create({ category: 'safety' });
    const base = `/api/v1/complaints/${c.id}`;
    const comment = await post(`${base}/comments`, { visibility: 'internal', body: 'Batch 42?' });
    expect(Object.keys(comment).sort()).toEqual(
      ['authorId', 'body', 'complaintId', 'createdAt', 'id', 'visibility'].sort(),
    );
    expect(comment.createdAt).toBe(h.clock.now().toISOString());

    const team = await h.request('PUT', `${base}/team`, {
      as: 'lead',
      body: { members: [{ memberId: 'E10023', department: 'quality', role: 'lead' }] },
    });
    expect(team.statusCode).toBe(200);
    expect(team.json()).toEqual([
      {
        complaintId: c.id,
        memberId: 'E10023',
        department: 'quality',
        role: 'lead',
        addedAt: h.clock.now().toISOString(),
      },
    ]);

    const dueAt = new Date(h.clock.now().getTime() + 86_400_000).toISOString();
    const step = await post(`${base}/plan`, { title: 'Test the batch', ownerId: 'E10023', dueAt });
    expect(step).toEqual({
      id: expect.any(String),
      complaintId: c.id,
      position: 1,
      title: 'Test the batch',
      ownerId: 'E10023',
      department: null,
      dueAt,
      doneAt: null,
      outcome: null,
    });
    const done = await h.request('PATCH', `${base}/plan/${String(step.id)}`, {
      as: 'agent',
      body: { done: true, outcome: 'Batch 42 is faulty' },
    });
    expect(done.json()).toMatchObject({ doneAt: h.clock.now().toISOString(), outcome: 'Batch 42 is faulty' });

    const history = (await h.request('GET', `${base}/history`, { as: 'agent' })).json<
      Record<string, unknown>[]
    >();
    expect(history.length).toBeGreaterThan(3);
    for (const entry of history)
      expect(Object.keys(entry).sort()).toEqual(
        ['action', 'actorId', 'at', 'complaintId', 'details', 'fromStatus', 'id', 'toStatus'].sort(),
      );
    expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(['commented', 'team-set']));
  });

  it('explains the SLA in the documented shape', async () => {
    const c = await create();
    const r = await h.request('GET', `/api/v1/complaints/${c.id}/sla`, { as: 'agent' });
    expect(r.statusCode).toBe(200);
    const e = r.json<Record<string, Record<string, unknown>>>();
    expect(Object.keys(e).sort()).toEqual(['at', 'firstResponse', 'resolution', 'ruleId']);
    expect(e.resolution).toMatchObject({ clock: 'resolution', state: 'pending', pauses: [] });
  });
});
