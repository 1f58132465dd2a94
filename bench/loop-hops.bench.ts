// The closed loop's hops between the real service processes (issue 16, "Measured"): how long from the
// change in one service to its effect in the next, at a steady rate of flows, beside the raw JetStream
// hop (publish -> pull consumer) measured in the same run on the same server.
//
//   npm run bench -- loop-hops        (LOOP_RATE flows/s, default 200; LOOP_SECONDS per hop, default 10)
//   LOOP_HOPS=complaint,audit npm run bench -- loop-hops    (only these hops: purchase, complaint, audit)
//   LOOP_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   (node flags of the five services)
//
// The five services run as separate processes the way npm start runs them (ProcessPlatform from
// @cx/testing: their V8 flags, own databases and namespace), one replica each. Each hop's trigger is
// offered open loop at the rate through the public HTTP API; every input a trigger needs (customers,
// complaints, staff, planned audits with their photos) is made before, so only the trigger is paced:
//   purchase -> warranty        POST crm /purchases            -> aftersales warranty row
//   complaint resolved -> invitation   POST complaints /:id/status   -> surveys invitation row
//   audit failed -> enrolment   POST surveys /audits/:id/results -> training remedial enrolment row
// A hop is timed from the trigger's transaction time (crm's recorded_at, the complaint's resolvedAt,
// the audit's completedAt) to the effect's created_at, both from the services' clocks on this machine:
// it includes the trigger's commit, the outbox relay, JetStream, and the consumer's transaction.
// Per flow it also prints the CPU of each service process, of each service's Postgres sessions (and
// Postgres' background processes, shared with whatever else runs), of nats-server, and the statements
// each service sent (bench/support/pg-statement-counter.cjs, preloaded; LOOP_COUNT_STATEMENTS=0: off).
import 'reflect-metadata';
import { uuidv7 } from '@cx/contracts';
import { PLATFORM_SERVICES, ProcessPlatform, uniqueNamespace } from '@cx/testing';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { DEFAULT_STREAM_LIMITS, NatsClient, NatsNaming } from '../libs/platform/src/messaging';
import { SHARED_NATS_URL, SHARED_POSTGRES_URL } from '../libs/testing/src/databases';
import { deleteNamespaceStreams } from '../libs/testing/src/nats';
import {
  fileComplaint,
  hire,
  LoopSetup,
  newCustomer,
  recordPurchase,
  setUpLoop,
  tag,
  uploadPhoto,
} from '../test/system/loop/loop-flows';
import { cleanupsOnExit } from './support/cleanups';
import { postgresProcesses } from './support/cpu';
import { procStat, serverPids, ServerPids, systemTicks } from './support/proc';
import { writeResult } from './support/reference';
import { runMain } from './support/run-main';
import { LatencySummary, machine, paced, sleep, summarize, wallMs } from './support/stats';

const BENCH = 'loop-hops';
const TARGET_P99_MS = 100;

const num = (name: string, dflt: number) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
const RATE = num('LOOP_RATE', 200);
const SECONDS = num('LOOP_SECONDS', 10);
/** The first second of each hop warms up and is not counted. */
const WARM = Math.round(RATE);
const HOP_NAMES = ['purchase', 'complaint', 'audit'] as const;
/** Which hops run (`LOOP_HOPS`, comma-separated; all three by default). */
const HOPS = (process.env.LOOP_HOPS ?? HOP_NAMES.join(','))
  .split(',')
  .map((h) => h.trim())
  .filter(Boolean);
for (const h of HOPS)
  if (!(HOP_NAMES as readonly string[]).includes(h))
    throw new Error(`LOOP_HOPS: unknown hop ${h}; one of ${HOP_NAMES.join(', ')}`);
const TOTAL = WARM + Math.round(RATE * SECONDS);

const log = (line: string) => console.log(`[${BENCH}] ${line}`);

/** Runs `work` over `items` with at most `concurrency` at once (the preparation, not timed). */
async function pool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        // The shared machine's Postgres may refuse for a moment (503): preparation retries, it is not timed.
        for (let attempt = 1; ; attempt++) {
          try {
            out[i] = await work(items[i], i);
            break;
          } catch (e) {
            if (attempt >= 5) throw e;
            await sleep(1_000 * attempt);
          }
        }
      }
    }),
  );
  return out;
}

interface Phase {
  hop: string;
  latency: LatencySummary;
  offeredPerSecond: number;
  /** Share of both cores busy while the hop ran (100 = both). */
  machineBusyPct: number;
  /** CPU per flow, in ms: each service process, its Postgres sessions (`pg <service>`), Postgres' background, nats. */
  cpuMsPerFlow: Record<string, number>;
  /** Statements each service sent to Postgres per flow (when counted). */
  statementsPerFlow?: Record<string, number>;
  /** Triggers not answered (HTTP error or 15 s timeout): not timed. */
  failed: number;
  /** The trigger's HTTP call, as the bench saw it. */
  triggerCall?: LatencySummary;
}

/** Where the CPU figures and statement counts come from: set once the platform runs. */
interface Probe {
  p: ProcessPlatform;
  servers: ServerPids;
  /** Where the services' statement counters write (LOOP_COUNT_STATEMENTS), or none. */
  statementsDir?: string;
}

/** Statements each service has sent so far (SIGUSR2 to its counter, then its file), by service. */
async function statementCounts(probe: Probe): Promise<Record<string, Record<string, number>> | undefined> {
  const dir = probe.statementsDir;
  if (!dir) return undefined;
  const pids = PLATFORM_SERVICES.map((s) => probe.p.replicas(s)[0].pid);
  for (const f of readdirSync(dir)) rmSync(join(dir, f));
  for (const pid of pids) process.kill(pid, 'SIGUSR2');
  const file = (pid: number) => join(dir, `statements-${pid}.json`);
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && !pids.every((pid) => readdirSync(dir).includes(`statements-${pid}.json`)))
    await sleep(20);
  const out: Record<string, Record<string, number>> = {};
  for (const [i, s] of PLATFORM_SERVICES.entries())
    out[s] = JSON.parse(readFileSync(file(pids[i]), 'utf8')) as Record<string, number>;
  return out;
}

/** CPU (ms) of the service processes, their Postgres sessions, Postgres' background and nats, and machine ticks. */
async function cpuMark(probe: Probe) {
  const cpu: Record<string, number> = {};
  for (const s of PLATFORM_SERVICES) cpu[s] = procStat(probe.p.replicas(s)[0].pid)?.cpuMs ?? NaN;
  /** Postgres processes by pid: which key they count for and their CPU so far (sessions come and go). */
  const postgres = new Map<string, { key: string; ms: number }>();
  const { postmaster, nats } = probe.servers;
  if (postmaster) {
    for (const s of PLATFORM_SERVICES) cpu[`pg ${s}`] = 0;
    cpu['pg background'] = 0;
    for (const { pid, cmd, background, cpuMs } of postgresProcesses(postmaster)) {
      const service = PLATFORM_SERVICES.find((s) => cmd.includes(` ${probe.p.prefix}_${s} `));
      const key = background ? 'pg background' : service && `pg ${service}`;
      if (key) postgres.set(pid, { key, ms: cpuMs });
    }
  }
  if (nats) cpu.nats = procStat(nats)?.cpuMs ?? NaN;
  return { cpu, postgres, statements: await statementCounts(probe), ticks: systemTicks() };
}

function cpuBetween(
  a: Awaited<ReturnType<typeof cpuMark>>,
  b: Awaited<ReturnType<typeof cpuMark>>,
  flows: number,
) {
  const busy =
    a.ticks && b.ticks ? ((b.ticks.busy - a.ticks.busy) / (b.ticks.total - a.ticks.total)) * 100 : NaN;
  const per = (x: number) => Math.round((x / flows) * 100) / 100;
  const spent: Record<string, number> = Object.fromEntries(
    Object.keys(a.cpu).map((s) => [s, s.startsWith('pg ') ? 0 : b.cpu[s] - a.cpu[s]]),
  );
  // A Postgres process counts what it used since the first mark, or since it started; one that ended
  // in between is left out (its last figure is unknown), rather than subtracted.
  for (const [pid, { key, ms }] of b.postgres)
    spent[key] = (spent[key] ?? 0) + ms - (a.postgres.get(pid)?.ms ?? 0);
  const perFlow = Object.fromEntries(Object.entries(spent).map(([s, ms]) => [s, per(ms)]));
  let statementsPerFlow: Record<string, number> | undefined;
  /** The statements most sent per flow, by service: "<count> <first words>". */
  let topStatements: Record<string, string[]> | undefined;
  if (a.statements && b.statements) {
    statementsPerFlow = {};
    topStatements = {};
    for (const s of Object.keys(b.statements)) {
      const before = a.statements[s] ?? {};
      const diff = Object.entries(b.statements[s])
        .map(([k, n]) => [k, n - (before[k] ?? 0)] as const)
        .filter(([, n]) => n > 0)
        .sort((x, y) => y[1] - x[1]);
      statementsPerFlow[s] = per(diff.reduce((t, [, n]) => t + n, 0));
      topStatements[s] = diff.slice(0, 12).map(([k, n]) => `${per(n)} ${k}`);
    }
  }
  return { busy, perFlow, statementsPerFlow, topStatements };
}

/** Waits until `count()` reaches `n` (the effects of every trigger), at most `timeoutMs`. */
async function until(
  what: string,
  n: number,
  count: () => Promise<number>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while (Date.now() < deadline) {
    // A busy shared Postgres may refuse a connection for a moment: ask again.
    seen = await count().catch(() => seen);
    if (seen >= n) return;
    await sleep(250);
  }
  throw new Error(`${what}: ${seen} of ${n} after ${timeoutMs} ms`);
}

async function timed(
  probe: Probe,
  hop: string,
  trigger: (i: number) => Promise<void>,
  latencies: (ok: boolean[]) => Promise<number[]>,
): Promise<Phase> {
  const a = await cpuMark(probe);
  // A trigger the service did not answer in time (15 s) is counted as failed, not timed: on a loaded
  // machine the rate may be out of reach, and the figures say so instead of the bench crashing.
  const ok: boolean[] = new Array(TOTAL).fill(false);
  /** How long each trigger's HTTP call took (the service's answer, part of the hop's start). */
  const answered: number[] = new Array(TOTAL).fill(NaN);
  let firstError: unknown;
  const pace = await paced(
    TOTAL,
    RATE,
    async (i) => {
      try {
        const t0 = wallMs();
        await trigger(i);
        answered[i] = wallMs() - t0;
        ok[i] = true;
      } catch (e) {
        firstError ??= e;
      }
    },
    256,
  );
  const failed = ok.filter((x) => !x).length;
  if (failed) log(`${hop}: ${failed} of ${TOTAL} triggers failed; first: ${String(firstError)}`);
  const samples = await latencies(ok);
  const b = await cpuMark(probe);
  const cpu = cpuBetween(a, b, TOTAL - failed);
  const latency = summarize(samples.filter((_, i) => i >= WARM && ok[i]));
  const triggerCall = summarize(answered.filter((_, i) => i >= WARM && ok[i]));
  log(
    `${hop}: the trigger's HTTP call took p50 ${triggerCall.p50.toFixed(1)} ms, p99 ${triggerCall.p99.toFixed(1)} ms`,
  );
  log(
    `${hop}: offered ${pace.offeredPerSecond.toFixed(0)}/s, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(0)} ms; cpu ${cpu.busy.toFixed(0)} % of both cores`,
  );
  const sum = (keys: string[]) => keys.reduce((t, k) => t + (cpu.perFlow[k] ?? 0), 0).toFixed(2);
  const services = PLATFORM_SERVICES.map((s) => `${s} ${cpu.perFlow[s]}`).join(', ');
  log(`${hop}: CPU ms/flow in the services: ${services} (sum ${sum([...PLATFORM_SERVICES])})`);
  const pg = PLATFORM_SERVICES.map((s) => `${s} ${cpu.perFlow[`pg ${s}`]}`).join(', ');
  log(
    `${hop}: CPU ms/flow in Postgres sessions: ${pg} (sum ${sum(PLATFORM_SERVICES.map((s) => `pg ${s}`))}); ` +
      `Postgres background ${cpu.perFlow['pg background']}, nats ${cpu.perFlow.nats}`,
  );
  if (cpu.statementsPerFlow && cpu.topStatements) {
    const st = cpu.statementsPerFlow;
    for (const [s, top] of Object.entries(cpu.topStatements))
      for (const line of top) log(`${hop}: statements/flow of ${s}: ${line}`);
    const total = Object.values(st).reduce((a, b) => a + b, 0);
    log(
      `${hop}: statements/flow: ${PLATFORM_SERVICES.map((s) => `${s} ${st[s]}`).join(', ')} (sum ${total.toFixed(2)})`,
    );
  }
  await sleep(2_000); // let the background work of the hop (other consumers of its events) settle
  return {
    hop,
    latency,
    offeredPerSecond: pace.offeredPerSecond,
    machineBusyPct: cpu.busy,
    cpuMsPerFlow: cpu.perFlow,
    statementsPerFlow: cpu.statementsPerFlow,
    failed,
    triggerCall,
  };
}

/** purchase -> warranty: POST /purchases paced; recorded_at in crm to the warranty's created_at. */
async function purchaseHop(probe: Probe): Promise<Phase> {
  const { p } = probe;
  const customers = await pool(Array.from({ length: 100 }), 8, () => newCustomer(p));
  const orders: string[] = new Array(TOTAL);
  return timed(
    probe,
    'purchase -> warranty',
    async (i) => {
      orders[i] = await recordPurchase(p, customers[i % customers.length]);
    },
    async (ok) => {
      const done = orders.filter((_, i) => ok[i]);
      await until('warranties', done.length, async () => {
        const [r] = await p.sql<{ n: number }>(
          'aftersales',
          `SELECT count(DISTINCT order_id)::int AS n FROM warranty WHERE order_id = ANY($1)`,
          [done],
        );
        return r.n;
      });
      const recorded = await p.sql<{ order_id: string; at: Date }>(
        'crm',
        `SELECT order_id, recorded_at AS at FROM purchase WHERE order_id = ANY($1)`,
        [orders],
      );
      const warranties = await p.sql<{ order_id: string; at: Date }>(
        'aftersales',
        `SELECT order_id, min(created_at) AS at FROM warranty WHERE order_id = ANY($1) GROUP BY order_id`,
        [orders],
      );
      const start = new Map(recorded.map((r) => [r.order_id, r.at.getTime()]));
      const end = new Map(warranties.map((r) => [r.order_id, r.at.getTime()]));
      return orders.map((o, i) => (ok[i] ? end.get(o)! - start.get(o)! : NaN));
    },
  );
}

/** complaint resolved -> invitation: complaints filed before; the resolve paced. */
async function complaintHop(probe: Probe): Promise<Phase> {
  const { p } = probe;
  log(`preparing ${TOTAL} customers and complaints`);
  const cases = await pool(Array.from({ length: TOTAL }), 16, async () => {
    const owner = `E${tag()}`;
    const c = await fileComplaint(p, await newCustomer(p), owner);
    return { id: c.id as string, owner };
  });
  await sleep(3_000); // created events consumed by crm and training before the timing starts
  const resolvedAt: number[] = new Array(TOTAL);
  const ids = cases.map((c) => c.id);
  return timed(
    probe,
    'complaint resolved -> invitation',
    async (i) => {
      const c = cases[i];
      const v = await p.ok('complaints', 'POST', `/api/v1/complaints/${c.id}/status`, {
        as: 'agent',
        sub: c.owner,
        body: { status: 'resolved', summary: 'Zip replaced free of charge.' },
      });
      resolvedAt[i] = Date.parse(v.resolvedAt);
    },
    async (ok) => {
      const done = ids.filter((_, i) => ok[i]);
      await until('invitations', done.length, async () => {
        const [r] = await p.sql<{ n: number }>(
          'surveys',
          `SELECT count(DISTINCT subject_id)::int AS n FROM invitation WHERE subject_id = ANY($1)`,
          [done],
        );
        return r.n;
      });
      const rows = await p.sql<{ subject_id: string; at: Date }>(
        'surveys',
        `SELECT subject_id, min(created_at) AS at FROM invitation WHERE subject_id = ANY($1) GROUP BY subject_id`,
        [ids],
      );
      const end = new Map(rows.map((r) => [r.subject_id, r.at.getTime()]));
      return ids.map((id, i) => (ok[i] ? end.get(id)! - resolvedAt[i] : NaN));
    },
  );
}

/** audit failed -> enrolment: staff hired and audits planned (with the failed item's photo) before. */
async function auditHop(probe: Probe, setup: LoopSetup): Promise<Phase> {
  const { p } = probe;
  log(`preparing ${TOTAL} staff and planned audits`);
  const now = new Date();
  const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const auditor = { as: 'auditor' as const, sub: setup.auditorId };
  const audits = await pool(Array.from({ length: TOTAL }), 16, async () => {
    const store = `ST-${tag()}`;
    const staff = `E${tag()}`;
    await hire(p, staff, store);
    const a = await p.ok('surveys', 'POST', '/api/v1/admin/audits', {
      as: 'lead',
      body: { checklistId: setup.checklistId, storeId: store, quarter, auditorId: setup.auditorId },
    });
    await uploadPhoto(p, setup, a.id);
    return { id: a.id as string, staff };
  });
  await sleep(3_000);
  const completedAt: number[] = new Array(TOTAL);
  const staff = audits.map((a) => a.staff);
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  return timed(
    probe,
    'audit failed -> enrolment',
    async (i) => {
      const a = audits[i];
      const v = await p.ok('surveys', 'POST', `/api/v1/audits/${a.id}/results`, {
        ...auditor,
        body: {
          items: [
            {
              key: 'fr1',
              passed: false,
              actions: [{ kind: 'immediate', description: '店长当日复训', ownerId: a.staff, dueAt }],
            },
          ],
          staffOnDuty: [a.staff],
        },
      });
      completedAt[i] = Date.parse(v.completedAt);
    },
    async (ok) => {
      const done = staff.filter((_, i) => ok[i]);
      await until('enrolments', done.length, async () => {
        const [r] = await p.sql<{ n: number }>(
          'training',
          `SELECT count(DISTINCT employee_id)::int AS n FROM enrollment WHERE employee_id = ANY($1) AND reason = 'remedial'`,
          [done],
        );
        return r.n;
      });
      const rows = await p.sql<{ employee_id: string; at: Date }>(
        'training',
        `SELECT employee_id, min(created_at) AS at FROM enrollment WHERE employee_id = ANY($1) AND reason = 'remedial' GROUP BY employee_id`,
        [staff],
      );
      const end = new Map(rows.map((r) => [r.employee_id, r.at.getTime()]));
      return staff.map((s, i) => (ok[i] ? end.get(s)! - completedAt[i] : NaN));
    },
  );
}

/** The raw JetStream hop in the same run: publish (with a msgID) -> pull consumer, at the same rate. */
async function rawHop(cleanups: (() => Promise<void>)[]): Promise<Phase> {
  const namespace = uniqueNamespace();
  cleanups.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
  const nats = new NatsClient({
    servers: SHARED_NATS_URL,
    name: 'bench-loop-raw',
    naming: new NatsNaming(namespace),
    streamLimits: DEFAULT_STREAM_LIMITS,
  });
  await nats.connect();
  try {
    await nats.ensureStream('crm');
    const stream = nats.naming.stream('crm');
    const subject = nats.naming.subject('evt.crm.purchase.recorded.v1');
    await nats.jsm.consumers.add(stream, {
      durable_name: 'bench_loop_raw',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      filter_subject: nats.naming.streamSubjects('crm'),
      ack_wait: 30_000_000_000,
      max_ack_pending: 1_024,
    });
    const samples: number[] = new Array(TOTAL);
    const messages = await (
      await nats.js.consumers.get(stream, 'bench_loop_raw')
    ).consume({ max_messages: 512 });
    const consumed = (async () => {
      let seen = 0;
      for await (const m of messages) {
        samples[Number(m.headers?.get('Bench-Seq'))] = wallMs() - Number(m.headers?.get('Bench-Sent'));
        m.ack();
        if (++seen >= TOTAL) break;
      }
    })();
    const body = JSON.stringify({
      orderId: 'SO-1',
      lines: [{ sku: 'JKT-DOWN-BLK-M', quantity: 1 }],
      pad: 'x'.repeat(400),
    });
    const a = systemTicks();
    const pace = await paced(TOTAL, RATE, async (i) => {
      const h = natsHeaders();
      h.set('Bench-Sent', String(wallMs()));
      h.set('Bench-Seq', String(i));
      await nats.js.publish(subject, body, { msgID: uuidv7(), headers: h, timeout: 5_000 });
    });
    await Promise.race([
      consumed,
      sleep(30_000).then(() => Promise.reject(new Error('raw consumer missed messages'))),
    ]);
    await messages.close();
    const b = systemTicks();
    const latency = summarize(samples.slice(WARM));
    const busy = a && b ? ((b.busy - a.busy) / (b.total - a.total)) * 100 : NaN;
    log(
      `raw JetStream hop: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms; cpu ${busy.toFixed(0)} %`,
    );
    return {
      hop: 'raw JetStream publish -> consumer',
      latency,
      offeredPerSecond: pace.offeredPerSecond,
      machineBusyPct: busy,
      cpuMsPerFlow: {},
      failed: 0,
    };
  } finally {
    await nats.close();
  }
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    log(`starting the five services as processes; ${RATE} flows/s for ${SECONDS} s per hop (+1 s warm-up)`);
    const quiet = systemTicks();
    await sleep(2_000);
    const quietEnd = systemTicks();
    const idleBusy =
      quiet && quietEnd ? ((quietEnd.busy - quiet.busy) / (quietEnd.total - quiet.total)) * 100 : NaN;
    log(`cpu before the bench: ${idleBusy.toFixed(0)} % of both cores busy (other work on the machine)`);
    const statementsDir =
      process.env.LOOP_COUNT_STATEMENTS === '0' ? undefined : mkdtempSync(join(tmpdir(), 'loop-hops-'));
    if (statementsDir)
      cleanups.push(() => Promise.resolve(rmSync(statementsDir, { recursive: true, force: true })));
    const nodeArgs = [
      ...(process.env.LOOP_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ...(statementsDir ? ['--require', join(__dirname, 'support/pg-statement-counter.cjs')] : []),
    ];
    const p = await ProcessPlatform.start({
      env: { LOG_LEVEL: 'warn', ...(statementsDir && { BENCH_STATEMENTS_DIR: statementsDir }) },
      nodeArgs,
    });
    cleanups.push(() => p.stop());
    log(`service pids: ${PLATFORM_SERVICES.map((s) => `${s} ${p.replicas(s)[0].pid}`).join(', ')}`);
    const probe: Probe = {
      p,
      servers: await serverPids(SHARED_POSTGRES_URL, SHARED_NATS_URL),
      statementsDir,
    };
    const setup = await setUpLoop(p);

    const raw = await rawHop(cleanups);
    const phases: Phase[] = [];
    if (HOPS.includes('purchase')) phases.push(await purchaseHop(probe));
    if (HOPS.includes('complaint')) phases.push(await complaintHop(probe));
    if (HOPS.includes('audit')) phases.push(await auditHop(probe, setup));
    const rawAfter = await rawHop(cleanups);

    const rows = [raw, ...phases, rawAfter];
    console.log('');
    console.log(
      ['hop', 'offered/s', 'failed', 'p50 ms', 'p99 ms', 'max ms', 'p99 target', 'result', 'cpu %'].join(
        ' | ',
      ),
    );
    for (const r of rows) {
      const isRaw = r.hop.startsWith('raw');
      console.log(
        [
          r.hop,
          r.offeredPerSecond.toFixed(0),
          String(r.failed),
          r.latency.p50.toFixed(2),
          r.latency.p99.toFixed(2),
          r.latency.max.toFixed(1),
          isRaw ? '-' : `< ${TARGET_P99_MS}`,
          isRaw ? '' : r.latency.p99 < TARGET_P99_MS ? 'PASS' : 'MISS',
          r.machineBusyPct.toFixed(0),
        ].join(' | '),
      );
    }
    const file = writeResult(BENCH, {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      config: { rate: RATE, seconds: SECONDS, warmFlows: WARM, hops: HOPS, idleBusyPct: idleBusy },
      phases: rows,
    });
    log(`results written to ${file}`);
  } finally {
    await cleanup();
  }
}

runMain(BENCH, main);
