import { createTestDatabase } from '@cx/testing';
import { Client } from 'pg';
import { arrayParameter } from '../src/database/array-parameter';
import { inlineParameters, insertValues, joinInserts, oneTransaction } from '../src/database/inline-sql';

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

  describe('joinInserts (ADR 0036)', () => {
    const head = 'INSERT INTO sample (t, i, b, ts, j, a, u, by, d)';
    const row = '($1, $2, $3, $4, $5, $6, $7, $8, $9)';
    const stored = async () =>
      (await c.query<Record<string, unknown>>(`SELECT t, i, b, ts, j, a, u, by, d FROM sample ORDER BY n`))
        .rows;

    it('joins the rows of every INSERT with one head and tail into one INSERT, storing what each would', async () => {
      await c.query('TRUNCATE sample');
      for (const v of values) await c.query(insert, v);
      const separately = await stored();
      await c.query('TRUNCATE sample');
      const joined = joinInserts(values.map((v) => insertValues(head, row, '', v)));
      expect(joined).toHaveLength(1);
      await c.query(oneTransaction(joined));
      expect(await stored()).toEqual(separately);
    });

    it('keeps one INSERT per head and tail, in the order each first appears, values of several rows each', () => {
      const other = 'INSERT INTO sample (t)';
      const joined = joinInserts([
        insertValues(other, '($1), ($2)', 'ON CONFLICT DO NOTHING', ['a', 'b']),
        insertValues(head, row, '', values[2]),
        insertValues(other, '($1)', 'ON CONFLICT DO NOTHING', ['c']),
        insertValues(other, '($1)', '', ['no tail']),
      ]).map((s) => s.sql);
      expect(joined).toEqual([
        `${other} VALUES ('a'), ('b'), ('c') ON CONFLICT DO NOTHING`,
        `${head} VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
        `${other} VALUES ('no tail')`,
      ]);
    });

    it('leaves the statements as they are when one of them is not an insertValues() INSERT', () => {
      const statements = [
        insertValues(head, row, '', values[2]),
        { sql: `UPDATE sample SET i = $1`, params: [1] },
        insertValues(head, row, '', values[2]),
      ];
      expect(joinInserts(statements)).toEqual(statements);
    });

    it('fails as a whole when the joined INSERT would update one row twice (ON CONFLICT DO UPDATE)', async () => {
      await c.query('TRUNCATE sample');
      const upsert = (i: number) =>
        insertValues(
          'INSERT INTO sample (n, i)',
          '($1, $2)',
          'ON CONFLICT (n) DO UPDATE SET i = EXCLUDED.i',
          [1, i],
        );
      await expect(c.query(oneTransaction(joinInserts([upsert(1), upsert(2)])))).rejects.toThrow(
        /cannot affect row a second time/,
      );
      expect(await stored()).toEqual([]);
    });
  });

  // Each read back as text by both parameters: arrayParameter's and the JavaScript array pg writes itself.
  const sameArray = async (type: string, values: unknown[]) => {
    const r = await c.query<{ ours: (string | null)[]; pg: (string | null)[] }>(
      `SELECT $1::${type}[]::text[] AS ours, $2::${type}[]::text[] AS pg`,
      [arrayParameter(values as never), values],
    );
    expect(r.rows[0].ours).toEqual(r.rows[0].pg);
    return r.rows[0].ours;
  };

  it('binds an arrayParameter as pg binds the array: quotes, backslashes, separators, NULL as text, unicode', async () => {
    const texts = [
      '',
      'NULL',
      'null',
      'a,b',
      '{x}',
      ' padded ',
      'c"d',
      'e\\f',
      '\\"',
      "it's",
      '中文 🎉',
      'tab\tnl\n',
      null,
    ];
    expect(await sameArray('text', texts)).toEqual(texts);
    await sameArray('bigint', [0, -7, 2 ** 53 - 1, null, 12]);
    await sameArray('int', [1, 2, null]);
    await sameArray('boolean', [true, false, null]);
    await sameArray('timestamptz', [new Date('2026-11-22T10:11:12.345Z'), new Date(0), null]);
    await sameArray('uuid', ['0192f0a4-5b6c-7d8e-9f01-000000000001', null]);
    expect(await sameArray('text', [])).toEqual([]);
  });
});
