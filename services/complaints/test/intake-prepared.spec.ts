import { validComplaint } from '@cx/testing';
import { DataSource } from 'typeorm';
import { ComplaintsHarness } from './support';

// A lone intake (the usual case below saturation) sends its lookup and its rows as named prepared
// statements: Postgres parses and plans them once per connection, not at every complaint (ADR 54).
// The test reads pg_prepared_statements on each of the pool's two connections.
describe('complaint intake statements', () => {
  let h: ComplaintsHarness;
  let ds: DataSource;

  beforeAll(async () => {
    h = await ComplaintsHarness.start({ env: { DATABASE_POOL_SIZE: '2', CONSUMER_CONCURRENCY: '1' } });
    ds = h.get(DataSource);
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** The texts prepared on any of the pool's connections (both held at once, so each is read). */
  const prepared = async () => {
    const runners = [ds.createQueryRunner(), ds.createQueryRunner()];
    try {
      await Promise.all(runners.map((r) => r.connect()));
      const texts = await Promise.all(
        runners.map((r) => r.query(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'ps\\_%'`)),
      );
      return [...new Set(texts.flat().map((row: { statement: string }) => row.statement))].sort();
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  };

  const create = async (i: number, headers: Record<string, string> = {}) => {
    const res = await h.request('POST', '/api/v1/complaints', {
      as: 'agent',
      body: validComplaint({
        orderId: `SO-PREP-${i}`,
        complainant: { name: 'Li Mei', phone: `+86 138 0000 ${1000 + i}` },
      }),
      headers,
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; reference: string }>();
  };

  it('prepares a lone intake lookup and rows once per connection, and writes every complaint', async () => {
    await create(1);
    await create(2, { 'idempotency-key': 'prep-key-2' });
    const first = await prepared();
    // The lookup (repeats and the reference number; with and without a key's claim) and the rows.
    expect(first.filter((s) => s.includes('complaint_reference_seq'))).toHaveLength(2);
    expect(
      first.filter((s) => /INSERT INTO "complaint"/.test(s) && !s.includes('complaint_reference_seq')),
    ).not.toHaveLength(0);

    const made = [await create(3), await create(4, { 'idempotency-key': 'prep-key-4' }), await create(5)];
    // The same texts again: nothing more prepared, and each complaint stored with its own reference.
    expect(await prepared()).toEqual(first);
    const rows = await h.sql<{ reference: string }>(
      `SELECT reference FROM complaint WHERE id = ANY($1::uuid[]) ORDER BY reference`,
      [made.map((c) => c.id)],
    );
    expect(rows.map((r) => r.reference)).toEqual(made.map((c) => c.reference).sort());
    expect(new Set(made.map((c) => c.reference)).size).toBe(3);
  });
});
