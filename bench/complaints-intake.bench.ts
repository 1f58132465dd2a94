// Complaints intake benchmark: POST /api/v1/complaints of the real complaints service (validation,
// taxonomy, triage, SLA deadlines, repeat detection, encrypted contact, complaint + history + outbox
// events in one transaction) beside a baseline measured in the same run: the same endpoint built the
// way the NestJS docs lead (Express, global ValidationPipe, TypeORM repository.save, fire-and-forget
// core NATS emit through ClientProxy; no outbox, history, encryption, repeat detection or auth).
//
//   node -r ./libs/testing/register.cjs bench/complaints-intake.bench.ts      (or: npm run bench -- complaints-intake)
//
// Each server runs in a child process of its own (bench/complaints-intake/*-process.ts, baseline/main.ts),
// one after the other, on its own throwaway database and NATS namespace. The load generator (autocannon,
// as a library) runs in this process: same machine, same two cores, counted in the CPU lines.
// Per server: CHECKPOINT, warm-up, ANALYZE, the measured phase at the same offered load (closed
// loop, N connections: throughput and latency at saturation, the targets), sync(1), a light paced phase below
// both servers' capacity (latency without queueing), then a check that every 201
// is in the database (ours: with its history row and both outbox events, published by the relay).
// Knobs: see readConfig() and docs/benchmarks.md.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Subjects } from '@cx/contracts';
import { DEV_JWT_SECRET, mintToken } from '@cx/platform';
import {
  createTestDatabase,
  freePort,
  SHARED_NATS_URL,
  SHARED_POSTGRES_URL,
  uniqueName,
  uniqueNamespace,
} from '@cx/testing';
import { connect as natsConnect } from '@nats-io/transport-node';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { requestOf, Workload } from './complaints-intake/workload';
import { between, CpuShare, mark } from './support/cpu';
import { load, LoadResult, paced } from './support/http-load';
import { Line, ratio, ReferenceFigures, table } from './support/report';
import { ServerConfig, ServerProcess } from './support/server-process';
import { deleteNamespaceStreams } from './support/pipeline-db';
import { machineBusyPct, serverPids, settleWriteback } from './support/proc';
import { SERVICE_NODE_FLAGS } from './support/service-flags';
import { machine, sleep } from './support/stats';
import { cleanupsOnExit } from './support/cleanups';

const ROOT = resolve(__dirname, '..');
const RESULT_FILE = join(ROOT, 'bench/results/complaints-intake.json');
const REFERENCE_FILE = join(ROOT, 'bench/baseline-complaints-intake.json');
const TARGETS = { throughputRatio: 5, latencyP99Ms: 30 };
/** Above this share of CPU used outside the bench before it starts, wait; during a phase, flag the run. */
const QUIET_PCT = 15;
const DISTURBED_CORES = 0.3;

function readConfig() {
  const num = (name: string, dflt: number, min = Number.MIN_VALUE) => {
    const v = process.env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got "${v}"`);
    return n;
  };
  return {
    postgresUrl: SHARED_POSTGRES_URL,
    natsUrl: SHARED_NATS_URL,
    /** Offered load: concurrent keep-alive connections, each sending its next request on the answer. */
    connections: num('BENCH_INTAKE_CONNECTIONS', 50, 1),
    seconds: num('BENCH_INTAKE_SECONDS', 15, 1),
    warmupSeconds: num('BENCH_INTAKE_WARMUP_SECONDS', 10, 1),
    /** Then a light, paced load below both servers' capacity: latency without queueing (informative). */
    lightRate: num('BENCH_INTAKE_LIGHT_RATE', 100, 1),
    lightConnections: num('BENCH_INTAKE_LIGHT_CONNECTIONS', 10, 1),
    lightSeconds: num('BENCH_INTAKE_LIGHT_SECONDS', 10, 1),
    /** Distinct complainants the requests come from (repeat detection finds their earlier cases). */
    people: num('BENCH_INTAKE_PEOPLE', 1_000, 1),
    /** Share of requests with an Idempotency-Key (each unique: a first attempt). */
    idempotentShare: num('BENCH_INTAKE_IDEMPOTENT_SHARE', 0.5, 0),
    /** Database pool of each server (the service's default). */
    poolSize: num('BENCH_INTAKE_POOL', 20, 2),
    /** Longest wait for the machine to be quiet before starting. */
    quietWaitSeconds: num('BENCH_INTAKE_QUIET_WAIT_SECONDS', 120, 0),
    /** Run the baseline first (default: ours first). */
    baselineFirst: process.env.BENCH_INTAKE_BASELINE_FIRST === '1',
    /** Write this run's figures as the committed reference of this machine: '1' (only from an undisturbed run, with valid checks) or 'force'. */
    writeReference: (['1', 'force'] as const).find((v) => v === process.env.BENCH_INTAKE_WRITE_REFERENCE),
  };
}
type Config = ReturnType<typeof readConfig>;

/** ours and the baseline are compared; the floor (nothing persisted) bounds what any Nest endpoint can do here. */
type Side = 'ours' | 'baseline' | 'floor';
const ENTRIES: Record<Side, string> = {
  ours: 'bench/complaints-intake/ours-process.ts',
  baseline: 'bench/complaints-intake/baseline/main.ts',
  floor: 'bench/complaints-intake/floor/main.ts',
};

interface Checks {
  /** 201 answers, warm-up and measured phase. */
  created: number;
  /** Requests cut off unanswered when a phase ended (the server may still have committed them). */
  cutOff: number;
  complaintRows: number;
  /** Answered ids missing from the table (must be 0). */
  missing: number;
  /** Ours: outbox rows of evt.complaints.complaint.created.v1 / .updated.v1 and all, and still unpublished. */
  outboxCreated?: number;
  outboxUpdated?: number;
  outboxRows?: number;
  outboxPending?: number;
  /** Ours: events not yet published when the load stopped (how far the relay was behind). */
  outboxPendingAtEnd?: number;
  historyRows?: number;
  repeats?: number;
  idempotencyKeys?: number;
  /** Baseline: core NATS messages a subscriber received (fire and forget: nothing guarantees them). */
  natsReceived?: number;
  ok: boolean;
  problems: string[];
}

interface SideResult {
  warmup: LoadResult;
  measured: LoadResult;
  light: LoadResult;
  cpu: CpuShare;
  checks: Checks;
}

function log(line: string): void {
  console.log(`[complaints-intake] ${line}`);
}

async function sql<T>(url: string, q: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(q, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function measure(
  side: Side,
  cfg: Config,
  token: string,
  cleanups: (() => Promise<void>)[],
  cores: number,
  pids: Awaited<ReturnType<typeof serverPids>>,
): Promise<SideResult> {
  const db = await createTestDatabase(cfg.postgresUrl, `cx_bench_intake_${side}_`);
  cleanups.push(db.drop);
  const namespace = uniqueNamespace();
  if (side === 'ours') cleanups.push(() => deleteNamespaceStreams(cfg.natsUrl, namespace));
  const config: ServerConfig = {
    port: await freePort(),
    databaseUrl: db.url,
    natsUrl: cfg.natsUrl,
    namespace,
    poolSize: cfg.poolSize,
  };

  // The baseline's events go nowhere unless someone listens: count them, as a consumer would see them.
  let natsReceived = 0;
  const listener =
    side === 'baseline'
      ? await natsConnect({ servers: cfg.natsUrl, name: 'bench-intake-listener' })
      : undefined;
  if (listener) {
    cleanups.push(() => listener.close());
    listener.subscribe(`${namespace}.complaints.created`, { callback: () => void natsReceived++ });
  }

  // Every server with the services' V8 flags (ADR 11: what npm start, the Dockerfile and the
  // Deployments run ours with), the baseline and the floor too, so both sides have the same runtime;
  // then any extra flags for the experiment at hand.
  const nodeArgs = [
    ...SERVICE_NODE_FLAGS,
    ...(process.env.BENCH_INTAKE_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const server = await ServerProcess.start(side, ENTRIES[side], config, nodeArgs);
  cleanups.push(() => server.stop());
  const url = `http://127.0.0.1:${config.port}`;
  const workload = new Workload(uniqueName(side.slice(0, 1)), {
    people: cfg.people,
    idempotentShare: cfg.idempotentShare,
  });
  const target = { url, path: '/api/v1/complaints', next: () => requestOf(workload, token) };
  log(`${side}: listening on ${url} (pid ${server.pid}); warm-up ${cfg.warmupSeconds} s`);

  // The same start for both: no checkpoint owed from before (and none due during the ~5 min after);
  // the warm-up pays the full-page writes that follow a checkpoint and lets V8 optimize the hot code.
  await sql(cfg.postgresUrl, 'CHECKPOINT');
  const warmup = await load({ ...target, connections: cfg.connections, seconds: cfg.warmupSeconds });
  await sql(db.url, 'ANALYZE'); // planner statistics for what the warm-up wrote
  await sleep(500);
  log(`${side}: measuring ${cfg.seconds} s at ${cfg.connections} connections`);
  const before = mark(server.pid, pids, db.name);
  const measured = await load({ ...target, connections: cfg.connections, seconds: cfg.seconds });
  const cpu = between(before, mark(server.pid, pids, db.name), cores);
  log(
    `${side}: ${Math.round(measured.requestsPerSecond)} req/s, p50 ${measured.latency.p50.toFixed(2)} ms, p99 ${measured.latency.p99.toFixed(2)} ms, ` +
      `non-2xx ${measured.non2xx}, errors ${measured.errors}`,
  );
  // The light phase measures latency at its own load: the saturated phases' dirty pages are written
  // out first, for every server alike (ADR 53), else their writeback lands in it.
  const settled = await settleWriteback();
  const light = await paced({
    ...target,
    connections: cfg.lightConnections,
    seconds: cfg.lightSeconds,
    rate: cfg.lightRate,
  });
  log(
    `${side}: at ${Math.round(light.requestsPerSecond)} req/s: p50 ${light.latency.p50.toFixed(2)} ms, p99 ${light.latency.p99.toFixed(2)} ms ` +
      `(dirty page cache before it ${settled.beforeMb?.toFixed(0) ?? '?'} MB, written out to ${settled.afterMb?.toFixed(0) ?? '?'} MB)`,
  );
  for (const s of [...warmup.errorSamples, ...measured.errorSamples, ...light.errorSamples].slice(0, 5))
    log(`${side}: answer: ${s}`);

  const checks = await check(side, db.url, [warmup, measured, light], { natsReceived: () => natsReceived });
  await server.stop();
  await listener?.close();
  await db.drop(); // now, so its autovacuum does not run during the next server's phase
  return { warmup, measured, light, cpu, checks };
}

/** Every 201 is a row; ours also wrote its history and both events, and the relay published them. */
async function check(
  side: Side,
  dbUrl: string,
  phases: LoadResult[],
  o: { natsReceived: () => number },
): Promise<Checks> {
  const ids = phases.flatMap((p) => p.createdIds);
  const created = ids.length;
  const cutOff = phases.reduce((n, p) => n + Math.max(0, p.sent - p.responses), 0);
  const problems: string[] = [];
  const count = async (q: string, params: unknown[] = []) =>
    Number((await sql<{ n: string }>(dbUrl, q, params))[0].n);

  const checks: Checks = { created, cutOff, complaintRows: 0, missing: 0, ok: true, problems };
  if (side === 'floor') return checks; // it persists nothing: there is nothing to find
  if (side === 'ours')
    checks.outboxPendingAtEnd = await count(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`);
  // Requests cut off at the end of the last phase may still be committing: wait until the table is still.
  const t0 = Date.now();
  for (
    let last = -1, rows = await count(`SELECT count(*) AS n FROM complaint`);
    rows !== last && Date.now() - t0 < 10_000;
  ) {
    await sleep(500);
    [last, rows] = [rows, await count(`SELECT count(*) AS n FROM complaint`)];
  }
  if (side === 'ours') {
    // The relay publishes after the commit: give it time to catch up.
    let pending = await count(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`);
    while (pending > 0 && Date.now() - t0 < 60_000) {
      await sleep(100);
      pending = await count(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`);
    }
    checks.outboxPending = pending;
  } else {
    await sleep(500); // core NATS: whatever was emitted has arrived by now
    checks.natsReceived = o.natsReceived();
  }
  checks.complaintRows = await count(`SELECT count(*) AS n FROM complaint`);
  checks.missing =
    created - (await count(`SELECT count(*) AS n FROM complaint WHERE id = ANY($1::uuid[])`, [ids]));
  if (checks.missing !== 0)
    problems.push(`${checks.missing} complaints answered 201 are not in the database`);
  if (checks.complaintRows < created || checks.complaintRows > created + cutOff)
    problems.push(
      `${checks.complaintRows} complaint rows for ${created} answers 201 (+ at most ${cutOff} cut off at the end of a phase)`,
    );

  if (side === 'ours') {
    const rows = checks.complaintRows;
    checks.outboxCreated = await count(`SELECT count(*) AS n FROM outbox WHERE subject = $1`, [
      Subjects.complaints.complaintCreated,
    ]);
    checks.outboxUpdated = await count(`SELECT count(*) AS n FROM outbox WHERE subject = $1`, [
      Subjects.complaints.complaintUpdated,
    ]);
    checks.outboxRows = await count(`SELECT count(*) AS n FROM outbox`);
    const answeredWithEvent = await count(
      `SELECT count(DISTINCT aggregate_id) AS n FROM outbox WHERE subject = $1 AND aggregate_id = ANY($2::text[])`,
      [Subjects.complaints.complaintCreated, ids],
    );
    // One 'created' entry per complaint; a major complaint also gets its immediate escalation (issue 11).
    checks.historyRows = await count(`SELECT count(*) AS n FROM complaint_history WHERE action = 'created'`);
    checks.repeats = await count(`SELECT count(*) AS n FROM complaint WHERE is_repeat`);
    checks.idempotencyKeys = await count(`SELECT count(*) AS n FROM idempotent_request`);
    if (answeredWithEvent !== created)
      problems.push(
        `${created - answeredWithEvent} complaints answered 201 have no created event in the outbox`,
      );
    if (checks.outboxCreated !== rows || checks.outboxUpdated !== rows)
      problems.push(
        `outbox: ${checks.outboxCreated} created and ${checks.outboxUpdated} updated events for ${rows} complaints`,
      );
    if (checks.historyRows !== rows)
      problems.push(`${checks.historyRows} 'created' history rows for ${rows} complaints`);
    if (checks.outboxPending !== 0)
      problems.push(`${checks.outboxPending} outbox events still unpublished 60 s after the load`);
  }
  checks.ok = problems.length === 0;
  return checks;
}

function readReference(): { figures: ReferenceFigures; measuredAt?: string } {
  if (!existsSync(REFERENCE_FILE)) return { figures: {} };
  const ref = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as {
    figures?: ReferenceFigures;
    measuredAt?: string;
  };
  return { figures: ref.figures ?? {}, measuredAt: ref.measuredAt };
}

async function versions(cfg: Config): Promise<{ postgres: string; synchronousCommit: string }> {
  const [v] = await sql<{ server_version: string }>(cfg.postgresUrl, 'SHOW server_version');
  const [s] = await sql<{ synchronous_commit: string }>(cfg.postgresUrl, 'SHOW synchronous_commit');
  return { postgres: v.server_version, synchronousCommit: s.synchronous_commit };
}

/** Which code was measured: the commit, and local changes to the code on the intake path. */
function codeState(): { commit: string; modified: string[] } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
  try {
    const modified = git(
      'status',
      '--porcelain',
      '--',
      'services/complaints/src',
      'libs/platform/src',
      'libs/contracts/src',
      'bench/complaints-intake',
      'bench/support',
    )
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    return { commit: git('rev-parse', '--short', 'HEAD'), modified };
  } catch {
    return { commit: 'unknown', modified: [] };
  }
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : v);
function roundAll<T>(o: T): T {
  return JSON.parse(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v))) as T;
}

function figuresOf({ measured: r, light }: SideResult): Record<string, number> {
  return {
    requestsPerSecond: round(r.requestsPerSecond),
    p50Ms: round(r.latency.p50),
    p90Ms: round(r.latency.p90),
    p99Ms: round(r.latency.p99),
    maxMs: round(r.latency.max),
    errors: r.non2xx + r.errors,
    'light.requestsPerSecond': round(light.requestsPerSecond),
    'light.p50Ms': round(light.latency.p50),
    'light.p99Ms': round(light.latency.p99),
  };
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const cfg = readConfig();
  const startedAt = new Date();
  const { cleanups, cleanup } = cleanupsOnExit(log);

  try {
    const m = machine();
    const server = await versions(cfg);
    const code = codeState();
    if (code.modified.length) log(`measuring uncommitted changes in: ${code.modified.join(', ')}`);
    log(
      `machine: ${m.cpus} cores (${m.cpuModel}), Node ${m.node}, Postgres ${server.postgres} (synchronous_commit ${server.synchronousCommit})`,
    );
    log(
      `load generator: autocannon in this process; each server in a child process; ${cfg.connections} connections, ${cfg.warmupSeconds} s warm-up + ${cfg.seconds} s each`,
    );
    let busyBefore = await machineBusyPct(1_000);
    for (
      let waited = 0;
      busyBefore !== undefined && busyBefore > QUIET_PCT && waited < cfg.quietWaitSeconds;
      waited += 5
    ) {
      log(`machine is ${busyBefore.toFixed(0)}% busy before the bench; waiting for it to calm down`);
      busyBefore = await machineBusyPct(5_000);
    }
    if (busyBefore !== undefined && busyBefore > QUIET_PCT)
      log(`WARNING: machine ${busyBefore.toFixed(0)}% busy with other work; figures will be low`);

    const pids = await serverPids(cfg.postgresUrl, cfg.natsUrl);
    const token = await mintToken({
      role: 'agent',
      sub: 'bench-agent',
      secret: DEV_JWT_SECRET,
      issuer: 'cx-platform',
      ttl: '2h',
    });
    const results = {} as Record<Side, SideResult>;
    const order: Side[] = cfg.baselineFirst ? ['baseline', 'ours', 'floor'] : ['ours', 'baseline', 'floor'];
    for (const side of order) results[side] = await measure(side, cfg, token, cleanups, m.cpus, pids);
    const { ours, baseline, floor } = results;

    const o = ours.measured;
    const b = baseline.measured;
    const throughputRatio = ratio(o.requestsPerSecond, b.requestsPerSecond);
    const lines: Line[] = [
      {
        key: 'requestsPerSecond',
        label: 'requests/s (2xx)',
        unit: 'req/s',
        ours: o.requestsPerSecond,
        baseline: b.requestsPerSecond,
        target: `ours >= ${TARGETS.throughputRatio}x`,
        pass: throughputRatio >= TARGETS.throughputRatio,
      },
      { key: 'p50Ms', label: 'latency p50', unit: 'ms', ours: o.latency.p50, baseline: b.latency.p50 },
      { key: 'p90Ms', label: 'latency p90', unit: 'ms', ours: o.latency.p90, baseline: b.latency.p90 },
      {
        key: 'p99Ms',
        label: 'latency p99',
        unit: 'ms',
        ours: o.latency.p99,
        baseline: b.latency.p99,
        target: `ours <= ${TARGETS.latencyP99Ms} ms`,
        pass: o.latency.p99 <= TARGETS.latencyP99Ms,
      },
      { key: 'maxMs', label: 'latency max', unit: 'ms', ours: o.latency.max, baseline: b.latency.max },
      {
        key: 'errors',
        label: 'errors + non-2xx',
        unit: 'count',
        ours: o.non2xx + o.errors,
        baseline: b.non2xx + b.errors,
      },
      // Below saturation: the same paced load for both, no queueing in front of the server.
      {
        key: 'light.p50Ms',
        label: `latency p50 @ ${cfg.lightRate} req/s`,
        unit: 'ms',
        ours: ours.light.latency.p50,
        baseline: baseline.light.latency.p50,
      },
      {
        key: 'light.p99Ms',
        label: `latency p99 @ ${cfg.lightRate} req/s`,
        unit: 'ms',
        ours: ours.light.latency.p99,
        baseline: baseline.light.latency.p99,
      },
    ];
    const reference = readReference();
    const f2 = (v: number | undefined) => v?.toFixed(2) ?? '?';
    const cpuLine = (side: Side, c: CpuShare) =>
      `cpu, ${side.padEnd(8)}: machine ${c.machineBusyPct?.toFixed(0) ?? '?'}% busy; cores used by server ${f2(c.server)}, ` +
      `load generator ${f2(c.loadGenerator)}, Postgres (this database + WAL writer etc.) ${f2(c.postgres)}, NATS ${f2(c.nats)}, other ${f2(c.other)}`;
    const disturbed =
      (busyBefore ?? 0) > QUIET_PCT ||
      [ours.cpu, baseline.cpu, floor.cpu].some((c) => (c.other ?? 0) > DISTURBED_CORES);

    console.log('');
    console.log(
      `complaints intake: POST /api/v1/complaints, ${cfg.connections} connections x ${cfg.seconds} s each after ${cfg.warmupSeconds} s warm-up ` +
        `(${m.cpus} cores, ${m.cpuModel}; load generator in the bench process; servers run with ` +
        `${SERVICE_NODE_FLAGS.length ? SERVICE_NODE_FLAGS.join(' ') : "Node's default heap settings"})`,
    );
    console.log(table(lines, reference.figures));
    console.log('');
    console.log(
      `reference: bench/baseline-complaints-intake.json${reference.measuredAt ? ` (measured ${reference.measuredAt})` : ' (none yet)'}`,
    );
    console.log(cpuLine('ours', ours.cpu));
    console.log(cpuLine('baseline', baseline.cpu));
    console.log(cpuLine('floor', floor.cpu));
    const f = floor.measured;
    console.log(
      `floor (Nest + Fastify + the same validation, nothing persisted): ${Math.round(f.requestsPerSecond)} req/s = ` +
        `${ratio(f.requestsPerSecond, b.requestsPerSecond).toFixed(2)}x the baseline, p99 ${f.latency.p99.toFixed(2)} ms; ` +
        `the ${TARGETS.throughputRatio}x target asks ${Math.round(TARGETS.throughputRatio * b.requestsPerSecond)} req/s; ours = ` +
        `${ratio(o.requestsPerSecond, f.requestsPerSecond).toFixed(2)}x the floor`,
    );
    // What the throughput target leaves per request, against two costs measured in this run that any
    // intake pays: the floor (HTTP, validation, load generator) and the baseline's Postgres per INSERT.
    const perRequestMs = (cores: number | undefined, rps: number) => ((cores ?? NaN) / rps) * 1000;
    const budget = perRequestMs(m.cpus, TARGETS.throughputRatio * b.requestsPerSecond);
    const floorCost = perRequestMs(floor.cpu.server + floor.cpu.loadGenerator, f.requestsPerSecond);
    const insertCost = perRequestMs(baseline.cpu.postgres, b.requestsPerSecond);
    console.log(
      `cpu budget at ${TARGETS.throughputRatio}x the baseline: ${budget.toFixed(3)} ms of machine CPU per request; ` +
        `the floor uses ${floorCost.toFixed(3)} ms, the baseline's Postgres ${insertCost.toFixed(3)} ms per INSERT: ` +
        `${(floorCost + insertCost).toFixed(3)} ms before any of the intake's own work; ours uses ` +
        `${perRequestMs(ours.cpu.server + ours.cpu.loadGenerator + (ours.cpu.postgres ?? 0) + (ours.cpu.nats ?? 0), o.requestsPerSecond).toFixed(3)} ms`,
    );
    if (disturbed)
      console.log(
        'WARNING: other processes used CPU during the run (see "other" above): figures are pessimistic; run again on a quiet machine',
      );
    const oc = ours.checks;
    const bc = baseline.checks;
    console.log(
      `check, ours    : ${oc.created} answered 201, ${oc.complaintRows} complaint rows (${oc.cutOff} requests cut off at phase ends), ${oc.missing} missing; ` +
        `outbox ${oc.outboxCreated} created + ${oc.outboxUpdated} updated events, ${oc.outboxPending} unpublished (${oc.outboxPendingAtEnd} when the load stopped); ` +
        `${oc.historyRows} 'created' history rows, ${oc.repeats} flagged repeats, ${oc.idempotencyKeys} idempotency keys`,
    );
    console.log(
      `check, baseline: ${bc.created} answered 201, ${bc.complaintRows} complaint rows (${bc.cutOff} cut off), ${bc.missing} missing; ` +
        `${bc.natsReceived} core NATS events received`,
    );
    for (const [side, c] of [
      ['ours', oc],
      ['baseline', bc],
    ] as const)
      for (const p of c.problems) console.log(`CHECK FAILED, ${side}: ${p}`);

    const figures = {
      ours: figuresOf(ours),
      baseline: figuresOf(baseline),
      floor: figuresOf(floor),
      ratio: {
        requestsPerSecond: round(throughputRatio),
        p99Ms: round(ratio(o.latency.p99, b.latency.p99)),
        floorOverBaseline: round(ratio(f.requestsPerSecond, b.requestsPerSecond)),
      },
    };
    const result = {
      bench: 'complaints-intake',
      startedAt: startedAt.toISOString(),
      durationSeconds: round((Date.now() - startedAt.getTime()) / 1000),
      machine: {
        ...m,
        postgres: server.postgres,
        synchronousCommit: server.synchronousCommit,
        busyBeforePct: round(busyBefore ?? NaN),
        disturbed,
      },
      loadGenerator:
        'autocannon 9 in the bench process (closed loop, keep-alive, pipelining 1); each server in its own child process',
      code,
      config: cfg,
      serverNodeFlags: SERVICE_NODE_FLAGS,
      targets: TARGETS,
      figures,
      verdicts: Object.fromEntries(
        lines.filter((l) => l.pass !== undefined).map((l) => [l.key, l.pass ? 'PASS' : 'MISS']),
      ),
      reference: reference.figures,
      details: Object.fromEntries(
        (['ours', 'baseline', 'floor'] as const).map((side) => {
          const r = results[side];
          const strip = ({ createdIds: _ids, ...rest }: LoadResult) => roundAll(rest);
          return [
            side,
            {
              warmup: strip(r.warmup),
              measured: strip(r.measured),
              light: strip(r.light),
              cpu: roundAll(r.cpu),
              checks: r.checks,
            },
          ];
        }),
      ),
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`result: ${RESULT_FILE.slice(ROOT.length + 1)}`);
    if (cfg.writeReference === '1' && (disturbed || !oc.ok || !bc.ok))
      console.log(
        'reference NOT written: the run was disturbed or a check failed (BENCH_INTAKE_WRITE_REFERENCE=force to write it anyway)',
      );
    else if (cfg.writeReference) {
      const ref = {
        bench: 'complaints-intake',
        measuredAt: startedAt.toISOString(),
        machine: result.machine,
        code,
        config: cfg,
        figures: { ours: figures.ours, baseline: figures.baseline, floor: figures.floor },
      };
      writeFileSync(REFERENCE_FILE, `${JSON.stringify(ref, null, 2)}\n`);
      console.log(`reference written: ${REFERENCE_FILE.slice(ROOT.length + 1)}`);
    }
    if (!oc.ok || !bc.ok)
      throw new Error('a server lost or did not persist what it answered: figures are not valid');
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(`[complaints-intake] failed: ${e.stack ?? e.message}`);
    process.exit(1);
  },
);
