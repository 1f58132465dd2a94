import { createTestDatabase } from '@cx/testing';
import { Client, escapeLiteral } from 'pg';
import { inlineParameters, literal, oneTransaction, quoteLiteral } from './inline-sql';

describe('inlineParameters', () => {
  it('writes each $n as the literal of its value', () => {
    expect(inlineParameters('SELECT $1, $2, $10', [1, 'a', null, 4, 5, 6, 7, 8, 9, true])).toBe(
      "SELECT '1', 'a', 'true'",
    );
    expect(inlineParameters('SELECT $1::int + $1::int', [2])).toBe("SELECT '2'::int + '2'::int");
  });

  it('leaves $n alone inside strings, quoted identifiers, dollar quotes and comments', () => {
    const sql = `SELECT '$1', E'it\\'s $1', "col$1", $$ $1 $$, $tag$ $1 $tag$, $1 -- $1
      /* $1 /* nested $1 */ $1 */ FROM t$1`;
    expect(inlineParameters(sql, ['x']))
      .toBe(`SELECT '$1', E'it\\'s $1', "col$1", $$ $1 $$, $tag$ $1 $tag$, 'x' -- $1
      /* $1 /* nested $1 */ $1 */ FROM t$1`);
    expect(inlineParameters(`SELECT 'it''s $1', $1`, ['y'])).toBe(`SELECT 'it''s $1', 'y'`);
  });

  it('refuses a statement that refers to a parameter it was not given', () => {
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow(/\$2, 1 parameter/);
    expect(() => inlineParameters('SELECT $0', [])).toThrow(RangeError);
  });

  it('quotes text exactly as pg.escapeLiteral does', () => {
    const texts = [
      '',
      'plain',
      "'",
      "''",
      '\\',
      "\\'",
      "a'b\\c'd\\\\",
      " E'x",
      '中文 🎉',
      'tab\tnl\n',
      '\u0000',
      'x'.repeat(5000) + "'",
    ];
    for (const t of texts) expect(quoteLiteral(t)).toBe(escapeLiteral(t));
    // Every string of up to three characters from the ones that matter.
    const alphabet = ["'", '\\', 'a', 'E', ' '];
    const all = [''];
    for (let len = 0; len < 3; len++)
      for (const s of all.filter((x) => x.length === len)) for (const c of alphabet) all.push(s + c);
    for (const t of all) expect(quoteLiteral(t)).toBe(escapeLiteral(t));
  });

  it('reuses the parse of a statement text with new values each time', () => {
    const sql = 'INSERT INTO t (a, b) VALUES ($1, $2) -- $3';
    expect(inlineParameters(sql, ['x', 1])).toBe("INSERT INTO t (a, b) VALUES ('x', '1') -- $3");
    expect(inlineParameters(sql, ["y'", null])).toBe("INSERT INTO t (a, b) VALUES ('y''', NULL) -- $3");
    expect(() => inlineParameters(sql, ['only one'])).toThrow(/\$2, 1 parameter/);
  });

  it('quotes what would break out of a literal', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(literal('back\\slash')).toBe(" E'back\\\\slash'");
    expect(literal(undefined)).toBe('NULL');
    expect(literal(Buffer.from([0, 255]))).toBe("'\\x00ff'");
  });
});

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
