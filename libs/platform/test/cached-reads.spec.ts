// CachedReads against a real Postgres: kept values, invalidation by NOTIFY from another connection,
// and no caching while the listening connection is gone.
import { createTestDatabase, waitFor } from '@cx/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CachedReads, dataSourceOptions, migrate, notifyOnChange } from '../src/database';

describe('CachedReads (real Postgres)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let cache: CachedReads;
  let reads = 0;

  const sql = async (q: string, params: unknown[] = []) => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(q, params)).rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  };
  const setting = () =>
    cache.get('setting', async () => {
      reads++;
      const [row] = await ds.query<{ value: number }[]>(`SELECT value FROM setting`);
      return row.value;
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate({ url: db.url });
    await sql(`CREATE TABLE setting (value int NOT NULL)`);
    await sql(`INSERT INTO setting VALUES (1)`);
    await sql(notifyOnChange('setting', 'test_settings'));
    ds = await new DataSource({
      ...dataSourceOptions({ url: db.url, applicationName: 'cached-reads-test' }),
    }).initialize();
    cache = new CachedReads(ds, 'test_settings');
    await cache.start();
  });

  afterAll(async () => {
    await cache?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  it('reads once and keeps the value', async () => {
    const before = reads;
    expect(await Promise.all([setting(), setting()])).toEqual([1, 1]);
    expect(await setting()).toBe(1);
    expect(reads - before).toBe(1);
  });

  it('sees a change committed by another connection once notified', async () => {
    expect(await setting()).toBe(1);
    const generation = cache.generation;
    await sql(`UPDATE setting SET value = 2`);
    await waitFor(() => cache.generation > generation, 5_000, 'notification');
    expect(await setting()).toBe(2);
  });

  it('keeps nothing while the listening connection is gone, and listens again', async () => {
    await sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cached-reads-test-listen'`,
    );
    await waitFor(() => !cache.active, 5_000, 'listener lost');
    // A change nobody hears of: still read, since nothing is kept.
    await sql(`UPDATE setting SET value = 3`);
    const before = reads;
    expect(await setting()).toBe(3);
    expect(await setting()).toBe(3);
    expect(reads - before).toBe(2);

    await waitFor(() => cache.active, 10_000, 'listening again');
    expect(await setting()).toBe(3);
    const after = reads;
    expect(await setting()).toBe(3);
    expect(reads).toBe(after);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const flaky = () =>
      cache.get('flaky', () => (fail ? Promise.reject(new Error('boom')) : Promise.resolve('ok')));
    await expect(flaky()).rejects.toThrow('boom');
    fail = false;
    await expect(flaky()).resolves.toBe('ok');
  });
});
