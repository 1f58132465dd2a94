// aftersales catch-up benchmark: crm's purchase.recorded events (3 lines each, every line with a warranty
// class) pile up on crm's stream while aftersales is stopped; then it starts and registers them. Measured:
// events applied per second from the first inbox row to the last, and that every warranty is there once.
// Beside it, in the same run on the same backlog, a floor: the same service with the purchase handler doing
// nothing (bench/aftersales/service-process.ts, variant catch-up-floor), i.e. what consuming costs by itself
// (decode, contract validation, inbox row, commit, ack). Target: at least 5,000 events/s.
//
//   npm run bench -- aftersales-catch-up
//
// Knobs: BENCH_CATCHUP_EVENTS (200000), BENCH_CATCHUP_TIMEOUT_SECONDS (1800).
import 'reflect-metadata';
import { Envelope, PurchaseRecordedV1, Subjects, uuidv7 } from '@cx/contracts';
import { DEFAULT_STREAM_LIMITS, NatsClient, NatsNaming } from '@cx/platform';
import { createTestDatabase, SHARED_NATS_URL, SHARED_POSTGRES_URL, uniqueNamespace } from '@cx/testing';
import { CpuMeter, cpuLine, disturbedBy, finish, numberFrom, runInfo, sql, startServer } from './crm/common';
import { benchPurchase } from './aftersales/workload';
import { CpuShare } from './support/cpu';
import { cleanupsOnExit } from './support/cleanups';
import { Line, table } from './support/report';
import { sleep, wallMs } from './support/stats';
import { runMain } from './support/run-main';

const BENCH = 'aftersales-catch-up';
const TARGET_EVENTS_PER_SECOND = 5_000;
const ENTRY = 'bench/aftersales/service-process.ts';
const log = (line: string) => console.log(`[${BENCH}] ${line}`);

const cfg = {
  events: numberFrom('BENCH_CATCHUP_EVENTS', 200_000, 1),
  timeoutSeconds: numberFrom('BENCH_CATCHUP_TIMEOUT_SECONDS', 1_800, 1),
};

/** Purchase `i` as crm's relay publishes it. */
function purchase(i: number): Envelope<PurchaseRecordedV1> {
  const data = benchPurchase(i);
  return {
    id: uuidv7(),
    type: Subjects.crm.purchaseRecorded,
    occurredAt: data.purchasedAt,
    source: 'crm',
    aggregateId: data.orderId,
    data,
  };
}

/** The backlog, published as crm's relay would (its stream, Nats-Msg-Id = envelope id), before aftersales runs. */
async function pileUp(namespace: string, events: number): Promise<void> {
  const nats = new NatsClient({
    servers: SHARED_NATS_URL,
    name: 'bench-crm',
    naming: new NatsNaming(namespace),
    streamLimits: { ...DEFAULT_STREAM_LIMITS, maxBytes: 1024 * 1024 * 1024 },
  });
  await nats.connect();
  try {
    await nats.ensureStream('crm');
    const subject = nats.naming.subject(Subjects.crm.purchaseRecorded);
    for (let i = 0; i < events; i += 1_000) {
      const batch = [];
      for (let j = i; j < Math.min(events, i + 1_000); j++) {
        const e = purchase(j);
        batch.push(nats.js.publish(subject, JSON.stringify(e), { msgID: e.id }));
      }
      await Promise.all(batch);
    }
  } finally {
    await nats.close();
  }
}

interface Phase {
  applied: number;
  seconds: number;
  eventsPerSecond: number;
  wallSeconds: number;
  warranties: number;
  distinctItems: number;
  /** Cores used while the backlog was worked off (after the start-up), and what that is per event. */
  cpu: CpuShare;
  serverCpuMsPerEvent: number;
  postgresCpuMsPerEvent: number;
}

/** Starts the service on the backlog and waits until `events` inbox rows are there. */
async function catchUp(
  name: string,
  variant: string | undefined,
  namespace: string,
  db: { url: string; name: string },
  cleanups: (() => Promise<void>)[],
  meter: CpuMeter,
): Promise<Phase> {
  const t0 = wallMs();
  const server = await startServer(name, ENTRY, cleanups, { variant, database: db, namespace });
  const deadline = t0 + cfg.timeoutSeconds * 1000;
  const inbox = async () =>
    Number((await sql<{ n: string }>(db.url, `SELECT count(*) AS n FROM inbox`))[0].n);
  const before = await inbox(); // applied during the start-up, before the CPU meter runs
  let applied = before;
  const [, cpu] = await meter.during(server, async () => {
    while (wallMs() < deadline) {
      applied = await inbox();
      if (applied >= cfg.events) break;
      await sleep(250);
    }
  });
  const wallSeconds = (wallMs() - t0) / 1000;
  await server.stop();
  const [span] = await sql<{ seconds: number }>(
    db.url,
    `SELECT extract(epoch FROM max(received_at) - min(received_at))::float AS seconds FROM inbox`,
  );
  const [w] = await sql<{ n: string; items: string }>(
    db.url,
    `SELECT count(*) AS n, count(DISTINCT (order_id, line_id, unit)) AS items FROM warranty`,
  );
  const seconds = Math.max(span.seconds, 0.001);
  const [window] = await sql<{ seconds: number }>(
    db.url,
    `SELECT extract(epoch FROM max(received_at) - min(received_at))::float AS seconds FROM
       (SELECT received_at FROM inbox ORDER BY received_at OFFSET $1) x`,
    [before],
  );
  // Cores x the metered window's length ~ CPU ms; the window is about the inbox span after start-up.
  const meteredEvents = Math.max(applied - before, 1);
  const meteredMs = Math.max(window.seconds, 0.001) * 1000;
  return {
    applied,
    seconds,
    eventsPerSecond: applied / seconds,
    wallSeconds,
    warranties: Number(w.n),
    distinctItems: Number(w.items),
    cpu,
    serverCpuMsPerEvent: (cpu.server * meteredMs) / meteredEvents,
    postgresCpuMsPerEvent: ((cpu.postgres ?? 0) * meteredMs) / meteredEvents,
  };
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    const info = await runInfo(log);
    const meter = await CpuMeter.create(info.machine.cpus);
    const ours = { db: await createTestDatabase(SHARED_POSTGRES_URL, 'cx_bench_as_'), ns: uniqueNamespace() };
    const floor = {
      db: await createTestDatabase(SHARED_POSTGRES_URL, 'cx_bench_as_'),
      ns: uniqueNamespace(),
    };
    cleanups.push(
      () => ours.db.drop(),
      () => floor.db.drop(),
    );
    for (const side of [ours, floor]) {
      log(`publishing ${cfg.events} purchase events (3 lines each) on crm's stream in ${side.ns}`);
      await pileUp(side.ns, cfg.events);
    }
    log('ours: aftersales starts on the backlog');
    const o = await catchUp('aftersales', undefined, ours.ns, ours.db, cleanups, meter);
    log(`ours: ${o.applied} events in ${o.seconds.toFixed(1)} s = ${Math.round(o.eventsPerSecond)} events/s`);
    log('floor: the same service, the purchase handler doing nothing');
    const f = await catchUp(
      'aftersales (catch-up floor)',
      'catch-up-floor',
      floor.ns,
      floor.db,
      cleanups,
      meter,
    );
    log(
      `floor: ${f.applied} events in ${f.seconds.toFixed(1)} s = ${Math.round(f.eventsPerSecond)} events/s`,
    );

    const expected = cfg.events * 3;
    const problems: string[] = [];
    if (o.applied < cfg.events) problems.push(`ours applied ${o.applied} of ${cfg.events} events in time`);
    if (o.warranties !== expected || o.distinctItems !== expected)
      problems.push(
        `ours registered ${o.warranties} warranties for ${o.distinctItems} items, expected ${expected} once each`,
      );
    const pass = o.eventsPerSecond >= TARGET_EVENTS_PER_SECOND;
    const lines: Line[] = [
      {
        key: 'eventsPerSecond',
        label: 'events/s (inbox span)',
        unit: 'purchases/s',
        ours: o.eventsPerSecond,
        floor: f.eventsPerSecond,
        target: `>= ${TARGET_EVENTS_PER_SECOND}`,
        pass,
      },
      {
        key: 'floorSharePct',
        label: 'ours / floor',
        unit: '%',
        ours: (o.eventsPerSecond / f.eventsPerSecond) * 100,
      },
      {
        key: 'serverCpuMsPerEvent',
        label: 'server CPU per event',
        unit: 'ms',
        ours: o.serverCpuMsPerEvent,
        floor: f.serverCpuMsPerEvent,
      },
      {
        key: 'postgresCpuMsPerEvent',
        label: 'Postgres CPU per event',
        unit: 'ms',
        ours: o.postgresCpuMsPerEvent,
        floor: f.postgresCpuMsPerEvent,
      },
      {
        key: 'warranties',
        label: 'warranties registered',
        unit: 'count',
        ours: o.warranties,
        floor: f.warranties,
      },
    ];
    const disturbed = disturbedBy(info, [o.cpu, f.cpu]);
    console.log('');
    console.log(
      `aftersales catch-up: ${cfg.events} purchase.recorded events (3 lines each) piled up, then the service started; ` +
        `floor: the same service with the purchase handler doing nothing`,
    );
    console.log(table(lines, {}));
    console.log(
      `wall time from start to the last event: ours ${o.wallSeconds.toFixed(1)} s, floor ${f.wallSeconds.toFixed(1)} s`,
    );
    console.log(cpuLine('ours', o.cpu));
    console.log(cpuLine('floor', f.cpu));
    if (disturbed) console.log('WARNING: the machine was busy before the bench: figures are pessimistic');
    for (const p of problems) console.log(`CHECK FAILED: ${p}`);
    finish(BENCH, log, info, {
      disturbed,
      config: cfg,
      figures: {
        ours: { eventsPerSecond: o.eventsPerSecond, warranties: o.warranties },
        baseline: undefined,
        floor: { eventsPerSecond: f.eventsPerSecond },
      },
      verdicts: { eventsPerSecond: pass ? 'PASS' : 'MISS' },
      details: { ours: o, floor: f, problems },
    });
    if (problems.length)
      throw new Error('the backlog was not registered exactly once: figures are not valid');
  } finally {
    await cleanup();
  }
}

runMain(BENCH, main);
