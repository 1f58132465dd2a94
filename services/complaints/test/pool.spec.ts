import { validComplaint } from '@cx/testing';
import { ComplaintsHarness } from './support';

// Under load every pool connection can be held by a transaction: a transaction that then waits for a
// second connection (e.g. to read a policy) deadlocks the pool. With a tiny pool, concurrent intakes
// and reopenings must all finish.
describe('complaints under concurrency with a small connection pool', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start({ env: { DATABASE_POOL_SIZE: '3', CONSUMER_CONCURRENCY: '1' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('completes concurrent intakes and reopenings without exhausting the pool', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.request('POST', '/api/v1/complaints', {
          as: 'agent',
          body: validComplaint({ orderId: `SO-P-${i}` }),
        }),
      ),
    );
    expect(created.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const ids = created.map((r) => r.json<{ id: string }>().id);
    for (const id of ids)
      await h.request('POST', `/api/v1/complaints/${id}/status`, {
        as: 'agent',
        body: { status: 'resolved', summary: 'ok' },
      });
    const reopened = await Promise.all(
      ids.map((id) =>
        h.request('POST', `/api/v1/complaints/${id}/status`, {
          as: 'agent',
          body: { status: 'reopened', reason: 'not fixed' },
        }),
      ),
    );
    expect(reopened.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
  }, 60_000);
});
