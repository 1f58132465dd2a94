import { createTestDatabase } from '@cx/testing';
import { Client } from 'pg';
import { arrayParameter } from '../src/database/array-parameter';

describe('arrayParameter against real Postgres', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let c: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = new Client({ connectionString: db.url });
    await c.connect();
  });

  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  // Each read back as text by both parameters: the helper's and the JavaScript array pg writes itself.
  const same = async (type: string, values: unknown[]) => {
    const r = await c.query<{ ours: (string | null)[]; pg: (string | null)[] }>(
      `SELECT $1::${type}[]::text[] AS ours, $2::${type}[]::text[] AS pg`,
      [arrayParameter(values as never), values],
    );
    expect(r.rows[0].ours).toEqual(r.rows[0].pg);
    return r.rows[0].ours;
  };

  it('gives text elements as they are: quotes, backslashes, separators, NULL as text, unicode', async () => {
    const texts = ['', 'NULL', 'null', 'a,b', '{x}', ' padded ', 'c"d', 'e\\f', '\\"', "it's", '中文 🎉', 'tab\tnl\n', null];
    expect(await same('text', texts)).toEqual(texts);
  });

  it('gives numbers, booleans, instants, uuids and nulls as pg writes them', async () => {
    await same('bigint', [0, -7, 2 ** 53 - 1, null, 12]);
    await same('int', [1, 2, null]);
    await same('boolean', [true, false, null]);
    await same('timestamptz', [new Date('2026-11-22T10:11:12.345Z'), new Date(0), null]);
    await same('uuid', ['0192f0a4-5b6c-7d8e-9f01-000000000001', null]);
    expect(await same('text', [])).toEqual([]);
  });
});
