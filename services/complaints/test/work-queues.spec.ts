import { HOUR_MS } from '@cx/platform';
import { validComplaint } from '@cx/testing';
import { ComplaintsHarness } from './support';

describe('work queues for agents (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const file = async (
    over: Record<string, unknown> = {},
    as: 'system' | 'agent' = 'system',
    sub?: string,
  ) => {
    const res = await h.request('POST', '/api/v1/complaints', {
      as,
      sub,
      body: validComplaint({ receivedAt: h.clock.now().toISOString(), ...over }),
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const queue = async (qs: string, sub = 'agent-a') => {
    const res = await h.request('GET', `/api/v1/work-queue?${qs}`, { as: 'agent', sub });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

  it("lists a department's queue oldest first by cursor, and a claim racing another agent's has one winner", async () => {
    const first = await file({ storeId: 'Q-001' });
    h.clock.advance(1000);
    const second = await file({ storeId: 'Q-001' });
    expect(first.ownerId).toBe('queue:quality');

    const bad = await h.request('GET', '/api/v1/work-queue?queue=department', { as: 'agent' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('department');
    const page1 = await queue('queue=department&department=quality&storeId=Q-001&limit=1');
    expect(ids(page1)).toEqual([first.id]);
    const page2 = await queue(
      `queue=department&department=quality&storeId=Q-001&limit=1&cursor=${encodeURIComponent(page1.nextCursor)}`,
    );
    expect(ids(page2)).toEqual([second.id]);
    expect(page2.nextCursor).toBeNull();

    const claims = await Promise.all(
      ['agent-a', 'agent-b'].map((sub) =>
        h.request('POST', `/api/v1/complaints/${first.id}/claim`, { as: 'agent', sub, body: {} }),
      ),
    );
    expect(claims.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = claims.find((r) => r.statusCode === 200)!.json().ownerId as string;
    const loser = claims.find((r) => r.statusCode === 409)!.json();
    expect(loser).toMatchObject({ code: 'ALREADY_CLAIMED', details: { ownerId: winner } });
    const [row] = await h.sql(`SELECT owner_id FROM complaint WHERE id = $1`, [first.id]);
    expect(row.owner_id).toBe(winner);
    const history = (
      await h.request('GET', `/api/v1/complaints/${first.id}/history`, { as: 'agent' })
    ).json();
    expect(history.filter((e: { action: string }) => e.action === 'claimed')).toEqual([
      expect.objectContaining({ actorId: winner, details: { from: 'queue:quality', to: winner } }),
    ]);

    expect(ids(await queue('queue=department&department=quality&storeId=Q-001'))).toEqual([second.id]);
    expect(ids(await queue('queue=mine&storeId=Q-001', winner))).toEqual([first.id]);
  });

  it('lists overdue, escalated and waiting complaints with filters, and counts every queue', async () => {
    const store = 'Q-002';
    const mine = await file({ storeId: store, channel: 'email' }, 'agent', 'agent-c');
    const waiting = await file({ storeId: store }, 'agent', 'agent-c');
    await h.request('POST', `/api/v1/complaints/${waiting.id}/status`, {
      as: 'agent',
      sub: 'agent-c',
      body: { status: 'waiting-for-customer', message: 'A photo of the label, please' },
    });
    h.clock.advance(1000);
    const major = await file({ storeId: store, category: 'safety' });
    const other = await file({ storeId: 'Q-003' });

    expect(ids(await queue(`queue=waiting&storeId=${store}`))).toEqual([waiting.id]);
    expect(ids(await queue(`queue=escalated&storeId=${store}`))).toEqual([major.id]);
    expect(ids(await queue(`queue=overdue&storeId=${store}`))).toEqual([]);

    h.clock.advance(25 * HOUR_MS);
    // The first response is 24 h for P3 by default; waiting answered, so only the unanswered ones.
    expect(ids(await queue(`queue=overdue&storeId=${store}`)).sort()).toEqual([mine.id, major.id].sort());
    expect(ids(await queue(`queue=overdue&storeId=${store}&channel=email`))).toEqual([mine.id]);
    expect(ids(await queue(`queue=overdue&storeId=${store}&priority=P4`))).toEqual([]);
    const receivedFrom = encodeURIComponent(major.receivedAt);
    expect(ids(await queue(`queue=overdue&storeId=${store}&receivedFrom=${receivedFrom}`))).toEqual([
      major.id,
    ]);
    expect(ids(await queue(`queue=overdue&storeId=Q-003`))).toEqual([other.id]);

    const counts = await h.request('GET', `/api/v1/work-queue/counts?storeId=${store}&department=quality`, {
      as: 'agent',
      sub: 'agent-c',
    });
    expect(counts.statusCode).toBe(200);
    expect(counts.json()).toEqual({ mine: 2, department: 1, overdue: 2, escalated: 1, waiting: 1 });
    const bad = await h.request(
      'GET',
      `/api/v1/work-queue/counts?receivedFrom=2026-01-02T00:00:00Z&receivedTo=2026-01-01T00:00:00Z`,
      {
        as: 'agent',
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('receivedTo');
    expect((await h.request('GET', '/api/v1/work-queue?queue=everything', { as: 'agent' })).statusCode).toBe(
      400,
    );
    expect((await h.request('GET', '/api/v1/work-queue?queue=mine', { as: 'system' })).statusCode).toBe(403);
  });
});
