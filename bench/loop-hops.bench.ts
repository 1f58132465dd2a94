// The closed loop's hops between the real service processes (issue 16, "Measured"): how long from the
// change in one service to its effect in the next, at a steady rate of flows, beside the raw JetStream
// hop (publish -> pull consumer) measured in the same run on the same server.
//
//   npm run bench -- loop-hops        (LOOP_RATE flows/s, default 200; LOOP_SECONDS per hop, default 10)
//   LOOP_HOPS=complaint,audit npm run bench -- loop-hops    (only these hops: purchase, complaint, audit)
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
import 'reflect-metadata';
import { uuidv7 } from '@cx/contracts';
import { ProcessPlatform, uniqueNamespace } from '@cx/testing';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { DEFAULT_STREAM_LIMITS, NatsClient, NatsNaming } from '../libs/platform/src/messaging';
import { SHARED_NATS_URL } from '../libs/testing/src/databases';
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
import { procStat, systemTicks } from './support/proc';
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
  /** CPU of each service process per flow, in ms. */
  cpuMsPerFlow: Record<string, number>;
  /** Triggers not answered (HTTP error or 15 s timeout): not timed. */
  failed: number;
  /** The trigger's HTTP call, as the bench saw it. */
  triggerCall?: LatencySummary;
}

/** CPU and machine ticks around a timed phase. */
function cpuMark(p: ProcessPlatform) {
  const pids = Object.fromEntries(
    (['crm', 'complaints', 'aftersales', 'surveys', 'training'] as const).map((s) => [
      s,
      p.replicas(s)[0].pid,
    ]),
  );
  const cpu = Object.fromEntries(Object.entries(pids).map(([s, pid]) => [s, procStat(pid)?.cpuMs ?? NaN]));
  return { pids, cpu, ticks: systemTicks() };
}

function cpuBetween(a: ReturnType<typeof cpuMark>, b: ReturnType<typeof cpuMark>, flows: number) {
  const busy =
    a.ticks && b.ticks ? ((b.ticks.busy - a.ticks.busy) / (b.ticks.total - a.ticks.total)) * 100 : NaN;
  const perFlow = Object.fromEntries(
    Object.keys(a.cpu).map((s) => [s, Math.round(((b.cpu[s] - a.cpu[s]) / flows) * 100) / 100]),
  );
  return { busy, perFlow };
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
  p: ProcessPlatform,
  hop: string,
  trigger: (i: number) => Promise<void>,
  latencies: (ok: boolean[]) => Promise<number[]>,
): Promise<Phase> {
  const a = cpuMark(p);
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
  const b = cpuMark(p);
  const cpu = cpuBetween(a, b, TOTAL - failed);
  const latency = summarize(samples.filter((_, i) => i >= WARM && ok[i]));
  const triggerCall = summarize(answered.filter((_, i) => i >= WARM && ok[i]));
  log(
    `${hop}: the trigger's HTTP call took p50 ${triggerCall.p50.toFixed(1)} ms, p99 ${triggerCall.p99.toFixed(1)} ms`,
  );
  log(
    `${hop}: offered ${pace.offeredPerSecond.toFixed(0)}/s, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(0)} ms; cpu ${cpu.busy.toFixed(0)} % of both cores; service CPU ms/flow ${JSON.stringify(cpu.perFlow)}`,
  );
  await sleep(2_000); // let the background work of the hop (other consumers of its events) settle
  return {
    hop,
    latency,
    offeredPerSecond: pace.offeredPerSecond,
    machineBusyPct: cpu.busy,
    cpuMsPerFlow: cpu.perFlow,
    failed,
    triggerCall,
  };
}

/** purchase -> warranty: POST /purchases paced; recorded_at in crm to the warranty's created_at. */
async function purchaseHop(p: ProcessPlatform): Promise<Phase> {
  const customers = await pool(Array.from({ length: 100 }), 8, () => newCustomer(p));
  const orders: string[] = new Array(TOTAL);
  return timed(
    p,
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
async function complaintHop(p: ProcessPlatform): Promise<Phase> {
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
    p,
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
async function auditHop(p: ProcessPlatform, setup: LoopSetup): Promise<Phase> {
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
    p,
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
    const p = await ProcessPlatform.start({
      env: { LOG_LEVEL: 'warn' },
    });
    cleanups.push(() => p.stop());
    const setup = await setUpLoop(p);

    const raw = await rawHop(cleanups);
    const phases: Phase[] = [];
    if (HOPS.includes('purchase')) phases.push(await purchaseHop(p));
    if (HOPS.includes('complaint')) phases.push(await complaintHop(p));
    if (HOPS.includes('audit')) phases.push(await auditHop(p, setup));
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
