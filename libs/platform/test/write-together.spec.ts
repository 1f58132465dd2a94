import { createTestDatabase } from '@cx/testing';
import { DataSource, EntityManager } from 'typeorm';
import { dataSourceOptions, migrate } from '../src/database/data-source';
import { writeTogether, writeTogetherThenRead } from '../src/database/write-together';

describe('writeTogether (real Postgres)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  /** Statements that reached Postgres, by their first words. */
  const sent: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate({ url: db.url });
    ds = await new DataSource(dataSourceOptions({ url: db.url, entities: [], poolSize: 2 })).initialize();
    await ds.query(`CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL)`);
    await ds.query(`CREATE TABLE child (parent_id int NOT NULL REFERENCES parent (id), note text)`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** A transaction whose statements are recorded (pg's query, below TypeORM). */
  const recorded = (work: (em: EntityManager) => Promise<unknown>) =>
    ds.transaction(async (em) => {
      const client = (
        em.queryRunner as unknown as { databaseConnection: { query: (...a: unknown[]) => unknown } }
      ).databaseConnection;
      const query = client.query;
      client.query = function (this: unknown, ...args: unknown[]) {
        const text = typeof args[0] === 'string' ? args[0] : '';
        sent.push(text.trim().split(/\s+/).slice(0, 2).join(' '));
        return query.apply(this, args);
      };
      try {
        return await work(em);
      } finally {
        client.query = query;
      }
    });

  it('sends the INSERTs of several tables as one statement, a child beside its parent', async () => {
    sent.length = 0;
    await recorded((em) =>
      writeTogether(em, async (w) => {
        await w.query(`INSERT INTO parent (id, name) VALUES ($1, $2), ($3, $4)`, [1, "it's $1", 2, 'b']);
        await w.query(`INSERT INTO child (parent_id, note) VALUES ($1, $2)`, [1, 'first']);
        await w.query(`INSERT INTO child (parent_id, note) VALUES ($1, $2), ($3, NULL)`, [2, 'second', 2]);
      }),
    );
    expect(sent).toEqual(['WITH w1']);
    expect(await ds.query(`SELECT id, name FROM parent ORDER BY id`)).toEqual([
      { id: 1, name: "it's $1" },
      { id: 2, name: 'b' },
    ]);
    expect(await ds.query(`SELECT parent_id, note FROM child ORDER BY parent_id, note`)).toEqual([
      { parent_id: 1, note: 'first' },
      { parent_id: 2, note: 'second' },
      { parent_id: 2, note: null },
    ]);
  });

  it('fails all of them when one fails, and the transaction with them', async () => {
    await expect(
      ds.transaction((em) =>
        writeTogether(em, async (w) => {
          await w.query(`INSERT INTO parent (id, name) VALUES ($1, $2)`, [3, 'c']);
          await w.query(`INSERT INTO child (parent_id) VALUES ($1)`, [99]); // no such parent
        }),
      ),
    ).rejects.toThrow(/foreign key/);
    expect(await ds.query(`SELECT id FROM parent WHERE id = 3`)).toEqual([]);
  });

  it('refuses what it cannot hold back: a read, or an INSERT whose answer is wanted', async () => {
    await expect(ds.transaction((em) => writeTogether(em, (w) => w.query(`SELECT 1`)))).rejects.toThrow(
      /INSERT and UPDATE statements without RETURNING/,
    );
    await expect(
      ds.transaction((em) =>
        writeTogether(em, (w) => w.query(`INSERT INTO parent (id, name) VALUES (4, 'd') RETURNING id`)),
      ),
    ).rejects.toThrow(/INSERT and UPDATE statements without RETURNING/);
  });

  it('sends an UPDATE of a row there before in the same statement as the INSERTs beside it', async () => {
    await ds.query(`INSERT INTO parent (id, name) VALUES (5, 'open')`);
    sent.length = 0;
    await recorded((em) =>
      writeTogether(em, async (w) => {
        await w.query(`UPDATE parent SET name = $1 WHERE id = $2`, ['closed', 5]);
        await w.query(`INSERT INTO child (parent_id, note) VALUES ($1, $2)`, [5, 'why']);
      }),
    );
    expect(sent).toEqual(['WITH w1']);
    expect(await ds.query(`SELECT name FROM parent WHERE id = 5`)).toEqual([{ name: 'closed' }]);
    expect(await ds.query(`SELECT note FROM child WHERE parent_id = 5`)).toEqual([{ note: 'why' }]);
    await expect(
      ds.transaction((em) => writeTogether(em, (w) => w.query(`UPDATE parent SET name = 'x' RETURNING id`))),
    ).rejects.toThrow(/INSERT and UPDATE statements without RETURNING/);
  });

  it('sends a read with the writes as one statement, the read seeing the database as it found it', async () => {
    await ds.query(`INSERT INTO parent (id, name) VALUES (6, 'six'), (7, 'seven')`);
    sent.length = 0;
    const rows = await recorded((em) =>
      writeTogetherThenRead<{ id: number; children: number }>(
        em,
        async (w) => {
          await w.query(`INSERT INTO parent (id, name) VALUES ($1, $2)`, [8, 'eight']);
          await w.query(`INSERT INTO child (parent_id, note) VALUES ($1, $2), ($3, $2)`, [6, 'n', 8]);
        },
        {
          sql: `SELECT p.id, (SELECT count(*) FROM child c WHERE c.parent_id = p.id)::int AS children
                  FROM parent p WHERE p.id = ANY($1::int[]) ORDER BY p.id`,
          params: [[6, 7, 8]],
        },
      ),
    );
    expect(sent).toEqual(['WITH w1']);
    // The parent and children written beside it are not visible to the read; they are written.
    expect(rows).toEqual([
      { id: 6, children: 0 },
      { id: 7, children: 0 },
    ]);
    expect(
      await ds.query(`SELECT parent_id FROM child WHERE parent_id IN (6, 8) ORDER BY parent_id`),
    ).toEqual([{ parent_id: 6 }, { parent_id: 8 }]);
  });

  it('sends the read alone when nothing was written, or after writes that fill a statement', async () => {
    sent.length = 0;
    const read = { sql: `SELECT name FROM parent WHERE id = $1`, params: [6] };
    expect(await recorded((em) => writeTogetherThenRead(em, () => Promise.resolve(), read))).toEqual([
      { name: 'six' },
    ]);
    expect(sent).toEqual(['SELECT name']);
    sent.length = 0;
    // 64,999 parameters written: with the read's two, past what one statement takes.
    const many = Array.from({ length: 64_999 }, () => 7);
    const rows = await recorded((em) =>
      writeTogetherThenRead(
        em,
        async (w) => {
          await w.query(
            `INSERT INTO child (parent_id) VALUES ${many.map((_, i) => `($${i + 1})`).join(', ')}`,
            many,
          );
        },
        {
          sql: `SELECT count(*)::int AS n FROM child WHERE parent_id = $1 AND note IS DISTINCT FROM $2`,
          params: [7, 'n'],
        },
      ),
    );
    expect(sent).toEqual(['INSERT INTO', 'SELECT count(*)::int']);
    expect(rows).toEqual([{ n: 64_999 }]); // sent after the writes, it sees them
  });

  it('refuses a repository, whose statement would go ahead of those held', async () => {
    await expect(
      ds.transaction((em) => writeTogether(em, (w) => Promise.resolve(w.getRepository('parent')))),
    ).rejects.toThrow(/query\(\) only, not getRepository/);
  });

  it('splits at the parameter limit, in order', async () => {
    sent.length = 0;
    const ids = Array.from({ length: 40_000 }, (_, i) => 1000 + i);
    await recorded((em) =>
      writeTogether(em, async (w) => {
        await w.query(
          `INSERT INTO parent (id, name) VALUES ${ids.map((_, i) => `($${i + 1}, 'x')`).join(', ')}`,
          ids,
        );
        await w.query(
          `INSERT INTO child (parent_id) VALUES ${ids.map((_, i) => `($${i + 1})`).join(', ')}`,
          ids,
        );
        await w.query(`INSERT INTO child (parent_id, note) VALUES ($1, $2)`, [1000, 'last']);
      }),
    );
    expect(sent).toEqual(['INSERT INTO', 'WITH w1']);
    expect(await ds.query(`SELECT count(*)::int AS n FROM child WHERE parent_id >= 1000`)).toEqual([
      { n: 40_001 },
    ]);
  });

  it('sends its statement prepared when asked: parsed once per connection, the rows written each time', async () => {
    await ds.query(`CREATE TABLE pparent (id int PRIMARY KEY, name text NOT NULL)`);
    await ds.query(`CREATE TABLE pchild (parent_id int NOT NULL REFERENCES pparent (id), note text)`);
    const prepared = (em: EntityManager) =>
      em.query<{ name: string; statement: string }[]>(
        `SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'ps\\_%'`,
      );
    for (const id of [101, 102, 103]) {
      // One connection in turn from a pool of two: each keeps its own prepared statement.
      const seen = await ds.transaction(async (em) => {
        await writeTogether(
          em,
          async (w) => {
            await w.query(`INSERT INTO pparent (id, name) VALUES ($1, $2)`, [id, `p${id}`]);
            await w.query(`INSERT INTO pchild (parent_id, note) VALUES ($1, $2)`, [id, `c${id}`]);
          },
          { prepared: true },
        );
        return prepared(em);
      });
      expect(seen).toHaveLength(1);
      expect(seen[0].statement).toMatch(/^WITH w1 AS \(INSERT INTO pparent/);
    }
    expect(
      await ds.query(
        `SELECT p.id, c.note FROM pparent p JOIN pchild c ON c.parent_id = p.id WHERE p.id > 100 ORDER BY 1`,
      ),
    ).toEqual([
      { id: 101, note: 'c101' },
      { id: 102, note: 'c102' },
      { id: 103, note: 'c103' },
    ]);
    // A failing part still fails the whole statement, prepared or not.
    await expect(
      ds.transaction((em) =>
        writeTogether(
          em,
          async (w) => {
            await w.query(`INSERT INTO pparent (id, name) VALUES ($1, $2)`, [104, 'p104']);
            await w.query(`INSERT INTO pchild (parent_id, note) VALUES ($1, $2)`, [999, 'orphan']);
          },
          { prepared: true },
        ),
      ),
    ).rejects.toThrow(/foreign key/);
    expect(await ds.query(`SELECT id FROM pparent WHERE id = 104`)).toEqual([]);
  });
});
