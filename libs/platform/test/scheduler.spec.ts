import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../src/database/data-source';
import { runExclusive, Scheduler } from '../src/time/scheduler';

const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = `cx_test_sched_${randomBytes(4).toString('hex')}`;
const dbUrl = `${PG}/${dbName}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runExclusive', () => {
  // Two data sources = two replicas with their own pools.
  let a: DataSource;
  let b: DataSource;

  beforeAll(async () => {
    await migrate({ url: dbUrl });
    a = await new DataSource(dataSourceOptions({ url: dbUrl, poolSize: 3 })).initialize();
    b = await new DataSource(dataSourceOptions({ url: dbUrl, poolSize: 3 })).initialize();
    await a.query(`CREATE TABLE sweep_log (id serial PRIMARY KEY, by text NOT NULL)`);
  });

  afterAll(async () => {
    await a?.destroy();
    await b?.destroy();
    const admin = new Client({ connectionString: `${PG}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });

  it('lets exactly one of two concurrent callers run', async () => {
    const started = deferred();
    const release = deferred();
    const first = runExclusive(a, 'complaints.sla-sweep', async (em) => {
      started.resolve();
      await release.promise;
      await em.query(`INSERT INTO sweep_log (by) VALUES ('a')`);
      return 'a';
    });
    await started.promise;
    const second = await runExclusive(b, 'complaints.sla-sweep', async (em) => {
      await em.query(`INSERT INTO sweep_log (by) VALUES ('b')`);
      return 'b';
    });
    release.resolve();
    expect(second).toEqual({ ran: false });
    expect(await first).toEqual({ ran: true, result: 'a' });
    expect(await a.query(`SELECT by FROM sweep_log`)).toEqual([{ by: 'a' }]);
  });

  it('lets many simultaneous callers through one at a time only', async () => {
    let inside = 0;
    let maxInside = 0;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runExclusive(i % 2 ? a : b, 'surveys.campaign', async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(30);
          inside--;
          return i;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(results.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
  });

  it('does not block other lock names', async () => {
    const release = deferred();
    const started = deferred();
    const first = runExclusive(a, 'lock-one', async () => {
      started.resolve();
      await release.promise;
    });
    await started.promise;
    const other = await runExclusive(b, 'lock-two', () => Promise.resolve('ran'));
    release.resolve();
    await first;
    expect(other).toEqual({ ran: true, result: 'ran' });
  });

  it('releases the lock when the transaction ends, also on failure (and rolls the work back)', async () => {
    await expect(
      runExclusive(a, 'training.scorecards', async (em) => {
        await em.query(`INSERT INTO sweep_log (by) VALUES ('failed')`);
        throw new Error('scorecard failed');
      }),
    ).rejects.toThrow('scorecard failed');
    expect(await runExclusive(b, 'training.scorecards', () => Promise.resolve('next'))).toEqual({
      ran: true,
      result: 'next',
    });
    expect(await a.query(`SELECT count(*)::int AS n FROM sweep_log WHERE by = 'failed'`)).toEqual([{ n: 0 }]);
  });
});

describe('Scheduler', () => {
  const logger = () => ({ error: jest.fn(), debug: jest.fn() });
  let scheduler: Scheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
  });

  it('runs a job repeatedly, never overlapping itself', async () => {
    let runs = 0;
    let inside = 0;
    let overlapped = false;
    scheduler = new Scheduler({ logger: logger() });
    scheduler.every(
      'tick',
      5,
      async () => {
        if (inside > 0) overlapped = true;
        inside++;
        await sleep(15); // slower than the interval
        inside--;
        runs++;
      },
      { initialDelayMs: 0 },
    );
    scheduler.start();
    await waitFor(() => runs >= 3);
    expect(overlapped).toBe(false);
  });

  it('logs a failing run and keeps going', async () => {
    const log = logger();
    let runs = 0;
    scheduler = new Scheduler({ logger: log });
    scheduler.every(
      'flaky',
      5,
      async () => {
        await Promise.resolve();
        runs++;
        if (runs === 1) throw new Error('database went away');
      },
      { initialDelayMs: 0 },
    );
    scheduler.start();
    await waitFor(() => runs >= 2);
    expect(log.error).toHaveBeenCalledWith(
      expect.stringContaining('Scheduled job "flaky" failed: database went away'),
      expect.any(String),
    );
  });

  it('stop() waits for the running tick and schedules nothing after', async () => {
    const started = deferred();
    let finished = false;
    let runs = 0;
    let aborted = false;
    scheduler = new Scheduler({ logger: logger() });
    scheduler.every(
      'long',
      5,
      async (signal) => {
        runs++;
        started.resolve();
        await sleep(150);
        aborted = signal.aborted;
        finished = true;
      },
      { initialDelayMs: 0 },
    );
    scheduler.start();
    await started.promise;
    const t0 = Date.now();
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(aborted).toBe(true); // the work was told to wrap up
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    await sleep(40);
    expect(runs).toBe(1);
  });

  it('waits for the interval before the first run by default; runNow runs at once', async () => {
    let runs = 0;
    scheduler = new Scheduler({ logger: logger() });
    scheduler.every('later', 60_000, () => Promise.resolve(runs++));
    scheduler.start();
    await sleep(30);
    expect(runs).toBe(0);
    await scheduler.runNow('later');
    expect(runs).toBe(1);
    expect(() => scheduler!.every('later', 10, () => Promise.resolve())).toThrow(/already exists/);
  });
});
