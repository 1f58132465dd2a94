// System tests: the README's start command and the real service processes, seen only from outside.
import {
  isAlive,
  SHARED_NATS_URL,
  SHARED_POSTGRES_URL,
  uniqueName,
  waitFor,
  withDatabase,
} from '@cx/testing';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { SERVICE_NODE_FLAGS } from '../../infra/node-flags';
import { deleteNamespaceStreams } from '../../libs/platform/test/support/pipeline';

const root = join(__dirname, '../..');
const SERVICES = ['crm', 'complaints', 'aftersales', 'surveys', 'training'];

/** Running processes (Linux /proc) whose environment holds `marker`, with their command-line arguments. */
function processesWithEnv(marker: string): { pid: number; args: string[] }[] {
  const out: { pid: number; args: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) continue;
      out.push({
        pid: Number(entry),
        args: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean),
      });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

/** Whether nothing listens on these ports (on any address). */
async function allFree(ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/**
 * A port offset for `npm start` whose five service ports are free and below the OS's ephemeral range
 * (32768 and up here): the tests running beside this one start private servers on ports the OS hands
 * out, which could otherwise take a service's port between this check and its listen.
 */
async function freeOffset(): Promise<number> {
  for (;;) {
    const offset = 10_000 + Math.floor(Math.random() * 19_000); // service ports 13001 .. 32005
    if (await allFree([3000, 3001, 3002, 3003, 3004, 3005].map((p) => p + offset))) return offset;
  }
}

/** Each service answers ready (database and NATS up), serves its docs, and refuses an anonymous admin call. */
async function checkServices(ports: number[]): Promise<void> {
  for (const port of ports) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, nats: { status: 'up' } },
    });
    expect((await fetch(`http://127.0.0.1:${port}/docs/json`)).status).toBe(200);
    const denied = await fetch(`http://127.0.0.1:${port}/api/v1/admin/dead-letters`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('content-type')).toMatch(/application\/problem\+json/);
  }
}

describe('npm start', () => {
  const prefix = uniqueName('cx_sys_');
  const ns = uniqueName('sys');
  let offset = 0;
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (child?.pid && isAlive(child.pid)) child.kill('SIGKILL');
    // Services run in their own process groups: find any that outlived a failed run by the marker in
    // their environment, and stop them by pid.
    for (const { pid } of processesWithEnv(`CX_TEST_RUN=${prefix}`)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
    }
    const c = new Client({ connectionString: SHARED_POSTGRES_URL });
    await c.connect();
    for (const s of SERVICES) await c.query(`DROP DATABASE IF EXISTS "${prefix}_${s}" WITH (FORCE)`);
    await c.end();
    await deleteNamespaceStreams(SHARED_NATS_URL, ns);
  });

  /** `npm start` (its script) with this test's databases, namespace and ports; output collected in `output`. */
  const spawnStart = () => {
    output = '';
    child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL_TEMPLATE: `${SHARED_POSTGRES_URL.replace(/\/[^/]*$/, '')}/${prefix}_{service}`,
        NATS_URL: SHARED_NATS_URL,
        NATS_NAMESPACE: ns,
        PORT_OFFSET: String(offset),
        EVENT_STREAM_MAX_BYTES: String(64 * 1024 * 1024),
        // The other system tests' platforms share this Postgres at the same time: four pooled
        // connections per service keep all of them under a stock max_connections of 100.
        DATABASE_POOL_SIZE: '4',
        // Marks the processes so cleanup can find them.
        CX_TEST_RUN: prefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    return child;
  };

  it('brings up all five services, migrated and listening, and the console, and Ctrl-C stops them cleanly', async () => {
    offset = await freeOffset();
    const started = spawnStart();
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((r) => started.once('exit', (code) => r((exitCode = code))));

    await waitFor(
      () => output.includes('READY') || exitCode !== undefined,
      150_000,
      'READY from npm start',
    ).catch((e: Error) => {
      throw new Error(`${e.message}; output:\n${output.slice(-4000)}`);
    });
    expect({
      exitCode,
      ready: output.includes('READY'),
      output: exitCode === undefined ? '' : output.slice(-3000),
    }).toEqual({ exitCode: undefined, ready: true, output: '' });
    const ports = [3001, 3002, 3003, 3004, 3005].map((p) => p + offset);
    // A failure from here on says what the services printed.
    await checkServices(ports).catch((e: Error) => {
      e.message += `\n--- npm start output (last 4000 characters) ---\n${output.slice(-4000)}`;
      throw e;
    });
    for (const s of SERVICES) expect(output).toContain(`${s.padEnd(11)} http://localhost:`);

    // The console (apps/console): printed with the services, on 3000 + offset, in development sign-in,
    // and its proxy reaches a service (crm's own 401 problem for a call without a token).
    expect(output).toContain(`console     http://localhost:${3000 + offset}`);
    const consoleUrl = `http://127.0.0.1:${3000 + offset}`;
    expect(await (await fetch(`${consoleUrl}/config.json`)).json()).toEqual({ auth: { mode: 'dev' } });
    const proxied = await fetch(`${consoleUrl}/api/crm/v1/admin/dead-letters`);
    expect({ status: proxied.status, type: proxied.headers.get('content-type') }).toEqual({
      status: 401,
      type: expect.stringContaining('application/problem+json'),
    });

    // Each service runs with the services' V8 flags (ADR 0011), as in the image and in Kubernetes.
    const services = processesWithEnv(`CX_TEST_RUN=${prefix}`).filter((p) =>
      p.args.some((a) => a.endsWith('/dist/main.js')),
    );
    expect(services).toHaveLength(SERVICES.length);
    for (const { args } of services)
      expect(args.slice(1, 1 + SERVICE_NODE_FLAGS.length)).toEqual(SERVICE_NODE_FLAGS);

    // Each service migrated its own database.
    const c = new Client({ connectionString: withDatabase(SHARED_POSTGRES_URL, `${prefix}_complaints`) });
    await c.connect();
    const tables = await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    await c.end();
    expect(tables.rows.map((r: { tablename: string }) => r.tablename)).toEqual(
      expect.arrayContaining(['audit_log', 'dead_letter', 'inbox', 'migrations', 'outbox']),
    );

    started.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('all services stopped');
    for (const port of [...ports, 3000 + offset])
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  }, 240_000);

  it('is filled by npm run seed (a small chain) and shows every figure of npm run scorecard', async () => {
    offset = await freeOffset();
    const started = spawnStart();
    const exited = new Promise<number | null>((r) => started.once('exit', (code) => r(code)));
    await waitFor(() => output.includes('READY'), 150_000, 'READY from npm start').catch((e: Error) => {
      throw new Error(`${e.message}; output:\n${output.slice(-4000)}`);
    });
    const env = { ...process.env, PORT_OFFSET: String(offset) };
    const script = (name: string, ...args: string[]) =>
      spawnSync(process.execPath, [join(root, `scripts/${name}.mjs`), ...args], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 240_000,
      });

    const seeded = script('seed', '--size', 'small');
    if (seeded.status !== 0)
      throw new Error(`npm run seed failed (${seeded.status}):\n${seeded.stderr.slice(-3000)}`);
    expect(seeded.stderr).toMatch(/purchases\s+█+ 100 %/);
    expect(seeded.stderr).toMatch(/Seeded 3 stores/);

    // JSON: every figure of the targets table, from the service that owns it, all services answering.
    const json = script('scorecard', '--json');
    expect(json.status).toBe(0);
    const card = JSON.parse(json.stdout) as {
      figures: { figure: string; owner: string; value: number | null; target: unknown }[];
      unavailable: unknown[];
      missed: number;
    };
    expect(card.unavailable).toEqual([]);
    expect(card.figures.map((f) => [f.figure, f.owner])).toEqual([
      ['satisfaction', 'surveys'],
      ['complaint-rate', 'complaints'],
      ['first-response-in-time', 'complaints'],
      ['solution-in-time', 'complaints'],
      ['resolution-rate', 'complaints'],
      ['aftersales-resolution-rate', 'aftersales'],
      ['repeat-complaints', 'complaints'],
      ['audit-pass-rate', 'surveys'],
      ['training-coverage', 'training'],
      ['repurchase-rate', 'crm'],
      ['employee-satisfaction', 'training'],
    ]);
    // The seed gives every figure something to count (repeat complaints have no year before to halve).
    const measured = card.figures.filter((f) => f.value !== null).map((f) => f.figure);
    expect(measured).toEqual(expect.arrayContaining(['satisfaction', 'complaint-rate', 'audit-pass-rate']));
    expect(measured.length).toBeGreaterThanOrEqual(9);

    // The table: a row per figure with its target, and the missed ones marked.
    const table = script('scorecard', '--store', 'SH-001');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/Company CX scorecard, store SH-001/);
    expect(table.stdout).toMatch(/Customer satisfaction\s+surveys\s+[\d.]+ %\s+≥ 90\.0 %/);
    expect(table.stdout).toMatch(/of 11 figures miss their target/);
    const csv = script('scorecard', '--csv').stdout.split('\r\n');
    expect(csv[0]).toMatch(/^figure,owner,value,numerator,denominator,target_operator,target_value/);
    expect(csv.filter(Boolean)).toHaveLength(12);

    started.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 480_000);

  it('stops everything and exits 1, never saying READY, when a service cannot come up (its port taken)', async () => {
    offset = await freeOffset();
    const squatter = createServer((socket) => socket.destroy()); // takes aftersales' port, answers nothing
    await new Promise<void>((r) => squatter.listen(offset + 3003, '0.0.0.0', () => r()));
    try {
      const started = spawnStart();
      let code: number | null | undefined;
      started.once('exit', (c) => (code = c));
      await waitFor(() => code !== undefined, 150_000, 'npm start to exit').catch((e: Error) => {
        throw new Error(`${e.message}; output:\n${output.slice(-4000)}`);
      });
      expect({ code, ready: output.includes('READY'), output: output.slice(-2000) }).toMatchObject({
        code: 1,
        ready: false,
      });
      expect(output).toMatch(/aftersales exited unexpectedly/);
      expect(output).toContain('all services stopped');
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  }, 240_000);
});

describe('a service process', () => {
  it('refuses to start on bad configuration, naming each bad variable', () => {
    const r = spawnSync(
      process.execPath,
      ['-r', join(root, 'libs/testing/register.cjs'), join(root, 'services/crm/src/main.ts')],
      {
        cwd: root,
        env: {
          ...process.env,
          PORT: 'eighty',
          NATS_URL: 'http://nats',
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://x@127.0.0.1/crm',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/NATS_URL/);
    expect(r.stderr).toMatch(/JWT_SECRET: is required in production/);
    expect(r.stderr).toMatch(/PII_KEYS: is required in production/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const db = uniqueName('cx_sys_term_');
    const namespace = uniqueName('sys');
    const port = (await freeOffset()) + 3005;
    const proc = spawn(
      process.execPath,
      ['-r', join(root, 'libs/testing/register.cjs'), join(root, 'services/training/src/main.ts')],
      {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(port),
          DATABASE_URL: withDatabase(SHARED_POSTGRES_URL, db),
          NATS_URL: SHARED_NATS_URL,
          NATS_NAMESPACE: namespace,
          EVENT_STREAM_MAX_BYTES: String(64 * 1024 * 1024),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    proc.stdout.on('data', (d: Buffer) => (log += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    try {
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.ok,
        60_000,
        'ready',
      );
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).toMatch(/SIGTERM: draining/);
      expect(log).toMatch(/"msg":"closed"/);
    } finally {
      if (proc.pid && isAlive(proc.pid)) proc.kill('SIGKILL');
      const c = new Client({ connectionString: SHARED_POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await c.end();
      await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    }
  }, 90_000);
});
