import { createTestDatabase } from '@cx/testing';
import { Client } from 'pg';
import { inlineParameters, oneTransaction } from '../src/database/inline-sql';

describe('inlined statements against real Postgres', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let c: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = new Client({ connectionString: db.url });
    await c.connect();
    await c.query(
      `CREATE TABLE sample (n serial PRIMARY KEY, t text, i int, b boolean, ts timestamptz, j jsonb, a text[], u uuid, by bytea, d numeric)`,
    );
  });

  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  const values: unknown[][] = [
    [
      'O\'Brien \\ "quoted" $1 -- not a comment',
      42,
      true,
      new Date('2026-11-22T10:11:12.345Z'),
      { nested: ["x'y", 1, null], 'k"': 'v\\' },
      ['a,b', 'c"d', "e'f", null],
      '0192f0a4-5b6c-7d8e-9f01-000000000001',
      Buffer.from('bytes\0with nul'),
      '12345678901234567890.5',
    ],
    ['中文 émoji 🎉 tab\tnewline\n', -7, false, new Date(0), { list: [1, 2, 3] }, [], null, null, null],
    [null, null, null, null, null, null, null, null, null],
  ];
  const insert = `INSERT INTO sample (t, i, b, ts, j, a, u, by, d) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

  it('stores exactly what the same statement with parameters stores', async () => {
    for (const v of values) {
      await c.query(insert, v);
      await c.query(inlineParameters(insert, v));
    }
    const { rows } = await c.query<Record<string, unknown>>(
      `SELECT t, i, b, ts, j, a, u, by, d FROM sample ORDER BY n`,
    );
    expect(rows).toHaveLength(values.length * 2);
    for (let k = 0; k < rows.length; k += 2) expect(rows[k + 1]).toEqual(rows[k]);
    expect(rows[0].t).toBe(values[0][0]);
  });

  it('runs several statements as one transaction: all of them, or none when one fails', async () => {
    await c.query('TRUNCATE sample');
    const ok = oneTransaction([
      { sql: `INSERT INTO sample (t) VALUES ($1)`, params: ['first'] },
      { sql: `INSERT INTO sample (t, i) VALUES ($1, $2)`, params: ['second', 2] },
    ]);
    await c.query(ok);
    const failing = oneTransaction([
      { sql: `INSERT INTO sample (t) VALUES ($1)`, params: ['third'] },
      { sql: `INSERT INTO sample (i) VALUES ($1)`, params: ['not a number'] },
    ]);
    await expect(c.query(failing)).rejects.toThrow(/invalid input syntax for type integer/);
    // The session is usable again (not left in an aborted transaction) and 'third' was rolled back.
    const { rows } = await c.query<{ t: string }>(`SELECT t FROM sample ORDER BY n`);
    expect(rows.map((r) => r.t)).toEqual(['first', 'second']);
  });
});
