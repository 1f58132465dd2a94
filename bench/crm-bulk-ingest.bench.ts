// crm bulk ingest benchmark: POST /api/v1/purchases/bulk of the real crm service, requests of 500
// purchases of 3 lines each (validation, customers checked, purchases and lines, loyalty ledger rows
// and tier evaluation, outbox events, all in the request's transaction), beside a floor measured in the
// same run on the same database server: the same rows written again with one multi-row INSERT per table
// per batch and nothing else (bench/crm/floor-insert.ts). Targets: >= 5,000 purchases/s committed and
// >= 40 % of the floor.
//
//   node -r ./libs/testing/register.cjs bench/crm-bulk-ingest.bench.ts      (or: npm run bench -- crm-bulk)
//
// Knobs: BENCH_BULK_SIZE (500), BENCH_BULK_CONCURRENCY (2 requests at once), BENCH_BULK_WARMUP_SECONDS (5),
// BENCH_BULK_SECONDS (15), BENCH_BULK_CUSTOMERS (1000), BENCH_BULK_FLOOR_BATCHES (60),
// BENCH_CRM_SERVER_NODE_ARGS (node flags of the service, e.g. --cpu-prof), BENCH_WRITE_BASELINE=1|force.
import 'reflect-metadata';
import { Subjects } from '@cx/contracts';
import { uniqueName } from '@cx/testing';
import { Agent } from 'node:http';
import {
  cpuLine,
  CpuMeter,
  disturbedBy,
  finish,
  numberFrom,
  referenceOf,
  runInfo,
  sql,
  startServer,
  tableAccess,
  tableStats,
  token,
} from './crm/common';
import { captureBatches, emptyFloorTables, FLOOR_TABLES, floorWriter } from './crm/floor-insert';
import { LINES_PER_PURCHASE, postJson, Purchases, registerCustomers } from './crm/workload';
import { cleanupsOnExit } from './support/cleanups';
import { Line, table } from './support/report';
import { LatencySummary, sleep, summarize, wallMs } from './support/stats';
import { runMain } from './support/run-main';

const BENCH = 'crm-bulk-ingest';
const TARGETS = { purchasesPerSecond: 5_000, floorShare: 0.4 };
const log = (line: string) => console.log(`[${BENCH}] ${line}`);

const cfg = {
  size: numberFrom('BENCH_BULK_SIZE', 500, 1),
  concurrency: numberFrom('BENCH_BULK_CONCURRENCY', 2, 1),
  warmupSeconds: numberFrom('BENCH_BULK_WARMUP_SECONDS', 5, 1),
  seconds: numberFrom('BENCH_BULK_SECONDS', 15, 1),
  customers: numberFrom('BENCH_BULK_CUSTOMERS', 1_000, 1),
  floorBatches: numberFrom('BENCH_BULK_FLOOR_BATCHES', 60, 2),
};

interface BulkAnswer {
  created: number;
  unchanged: number;
  refused: number;
  items: { status: string; reason?: unknown }[];
}

interface Phase {
  requests: number;
  created: number;
  refused: number;
  seconds: number;
  purchasesPerSecond: number;
  latency: LatencySummary;
  refusals: string[];
}

/** `concurrency` clients in a closed loop, each sending its next request of `size` when its answer arrives. */
async function ingest(url: string, auth: string, purchases: Purchases, seconds: number): Promise<Phase> {
  const agent = new Agent({ keepAlive: true, maxSockets: cfg.concurrency });
  const samples: number[] = [];
  const refusals: string[] = [];
  let created = 0;
  let refused = 0;
  const t0 = wallMs();
  const end = t0 + seconds * 1000;
  const client = async () => {
    while (wallMs() < end) {
      const body = { purchases: purchases.batch(cfg.size) };
      const started = wallMs();
      const r = await postJson<BulkAnswer>(`${url}/api/v1/purchases/bulk`, auth, body, agent);
      samples.push(wallMs() - started);
      if (r.status !== 200)
        throw new Error(`bulk answered ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`);
      created += r.body.created;
      refused += r.body.refused;
      for (const item of r.body.items)
        if (item.status === 'refused' && refusals.length < 3)
          refusals.push(JSON.stringify(item).slice(0, 300));
    }
  };
  await Promise.all(Array.from({ length: cfg.concurrency }, client));
  agent.destroy();
  const elapsed = (wallMs() - t0) / 1000;
  return {
    requests: samples.length,
    created,
    refused,
    seconds: elapsed,
    purchasesPerSecond: created / elapsed,
    latency: summarize(samples),
    refusals,
  };
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    const info = await runInfo(log);
    const meter = await CpuMeter.create(info.machine.cpus);
    const ours = await startServer('crm', 'bench/crm/service-process.ts', cleanups);
    const db = ours.databaseUrl;
    log(`crm listening on ${ours.url} (pid ${ours.pid}); registering ${cfg.customers} customers`);
    const system = await token('system');
    const customerIds = await registerCustomers(ours.url, system, cfg.customers);
    const purchases = new Purchases(uniqueName('b'), customerIds);

    await sql(db, 'CHECKPOINT');
    log(`warm-up ${cfg.warmupSeconds} s: requests of ${cfg.size} purchases, ${cfg.concurrency} at once`);
    const warmup = await ingest(ours.url, system, purchases, cfg.warmupSeconds);
    await sql(db, 'ANALYZE');
    await sleep(500);
    const since = (await sql<{ now: Date }>(db, 'SELECT now() AS now'))[0].now;
    const outboxBefore = Number((await sql<{ n: string }>(db, 'SELECT count(*) AS n FROM outbox'))[0].n);
    const statsBefore = await tableStats(db);
    log(`measuring ${cfg.seconds} s`);
    const [measured, cpu] = await meter.during(ours, () => ingest(ours.url, system, purchases, cfg.seconds));
    log(
      `ours: ${Math.round(measured.purchasesPerSecond)} purchases/s committed (${measured.requests} requests, ` +
        `p50 ${measured.latency.p50.toFixed(0)} ms, p99 ${measured.latency.p99.toFixed(0)} ms per request)`,
    );

    // What one purchase wrote, and whether the relay kept up with the events.
    const count = async (q: string, params: unknown[] = []) =>
      Number((await sql<{ n: string }>(db, q, params))[0].n);
    await sleep(1_000); // the counters reach pg_stat_user_tables up to a second after the commits
    const tables = tableAccess(statsBefore, await tableStats(db), Math.max(1, measured.created), 8);
    const pendingAtEnd = await count(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`);
    const drainStart = wallMs();
    let pending = pendingAtEnd;
    while (pending > 0 && wallMs() - drainStart < 60_000) {
      await sleep(200);
      pending = await count(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`);
    }
    const drainSeconds = (wallMs() - drainStart) / 1000;
    const measuredPurchases = await count(`SELECT count(*) AS n FROM purchase WHERE recorded_at >= $1`, [
      since,
    ]);
    const perPurchase: Record<string, number> = {};
    for (const { table: t, purchaseColumn } of FLOOR_TABLES)
      perPurchase[t] = purchaseColumn
        ? (await count(
            `SELECT count(*) AS n FROM ${t} WHERE "${purchaseColumn}" IN (SELECT id FROM purchase WHERE recorded_at >= $1)`,
            [since],
          )) / measuredPurchases
        : ((await count(`SELECT count(*) AS n FROM outbox`)) - outboxBefore) / measuredPurchases;
    const subjects = await sql<{ subject: string; n: string }>(
      db,
      `SELECT subject, count(*) AS n FROM outbox WHERE created_at >= $1 GROUP BY subject ORDER BY 2 DESC`,
      [since],
    );
    const recordedEvents = Number(subjects.find((s) => s.subject === Subjects.crm.purchaseRecorded)?.n ?? 0);
    const problems: string[] = [];
    if (measuredPurchases !== measured.created)
      problems.push(`${measuredPurchases} purchase rows for ${measured.created} purchases answered created`);
    if (Math.round(perPurchase.purchase_line * 100) !== LINES_PER_PURCHASE * 100)
      problems.push(`${perPurchase.purchase_line.toFixed(2)} lines per purchase, not ${LINES_PER_PURCHASE}`);
    if (recordedEvents !== measuredPurchases)
      problems.push(
        `${recordedEvents} ${Subjects.crm.purchaseRecorded} events for ${measuredPurchases} purchases`,
      );
    if (pending > 0) problems.push(`${pending} outbox events still unpublished 60 s after the load`);
    await ours.stop(); // the floor runs alone on the database server

    log(`floor: reading back ${cfg.floorBatches} batches of ${cfg.size} purchases with their rows`);
    const floorRows = await captureBatches(db, since, cfg.floorBatches, cfg.size, perPurchase.outbox);
    await emptyFloorTables(db);
    const warmBatches = Math.max(1, Math.floor(floorRows.batches / 10));
    const writer = await floorWriter(db, floorRows, cfg.concurrency);
    await writer.write(0, warmBatches);
    const [floor, floorCpu] = await meter.during({ pid: undefined, databaseName: ours.databaseName }, () =>
      writer.write(warmBatches, floorRows.batches),
    );
    await writer.close();
    log(
      `floor: ${Math.round(floor.purchasesPerSecond)} purchases/s (${floor.batches} batches, ` +
        `p50 ${floor.latency.p50.toFixed(0)} ms, p99 ${floor.latency.p99.toFixed(0)} ms per batch)`,
    );
    await ours.dispose();

    const share = measured.purchasesPerSecond / floor.purchasesPerSecond;
    const lines: Line[] = [
      {
        key: 'purchasesPerSecond',
        label: `purchases/s committed (${cfg.size} per request)`,
        unit: 'purchases/s',
        ours: measured.purchasesPerSecond,
        floor: floor.purchasesPerSecond,
        target: `ours >= ${TARGETS.purchasesPerSecond.toLocaleString('en-US')}`,
        pass: measured.purchasesPerSecond >= TARGETS.purchasesPerSecond,
      },
      {
        key: 'floorSharePct',
        label: 'ours / floor',
        unit: '%',
        ours: share * 100,
        target: `>= ${TARGETS.floorShare * 100} %`,
        pass: share >= TARGETS.floorShare,
      },
      {
        key: 'p50Ms',
        label: 'per request (floor: per batch) p50',
        unit: 'ms',
        ours: measured.latency.p50,
        floor: floor.latency.p50,
      },
      {
        key: 'p99Ms',
        label: 'per request (floor: per batch) p99',
        unit: 'ms',
        ours: measured.latency.p99,
        floor: floor.latency.p99,
      },
      { key: 'refused', label: 'purchases refused', unit: 'count', ours: measured.refused },
    ];
    const reference = referenceOf(BENCH);
    const disturbed = disturbedBy(info, [cpu, floorCpu]);
    console.log('');
    console.log(
      `crm bulk ingest: POST /api/v1/purchases/bulk, ${cfg.size} purchases x ${LINES_PER_PURCHASE} lines per request, ` +
        `${cfg.concurrency} requests at once, ${cfg.seconds} s after ${cfg.warmupSeconds} s warm-up; ` +
        `floor: the same rows, one multi-row INSERT per table per batch`,
    );
    console.log(table(lines, reference.figures));
    console.log('');
    console.log(
      `reference: bench/baseline.json${reference.measuredAt ? ` (measured ${reference.measuredAt})` : ' (none yet)'}`,
    );
    console.log(cpuLine('ours', cpu));
    console.log(cpuLine('floor', floorCpu));
    const perPurchaseMs = (cores: number | undefined, rate: number) =>
      (((cores ?? NaN) / rate) * 1000).toFixed(3);
    console.log(
      `cpu per purchase: ours ${perPurchaseMs(cpu.server, measured.purchasesPerSecond)} ms in the service, ` +
        `${perPurchaseMs(cpu.postgres, measured.purchasesPerSecond)} ms in Postgres, ${perPurchaseMs(cpu.loadGenerator, measured.purchasesPerSecond)} ms ` +
        `building and sending requests; floor ${perPurchaseMs(floorCpu.postgres, floor.purchasesPerSecond)} ms in Postgres`,
    );
    console.log(
      `rows per purchase: ${Object.entries(perPurchase)
        .map(([t, n]) => `${t} ${n.toFixed(2)}`)
        .join(', ')}; events: ${subjects.map((s) => `${s.subject} ${s.n}`).join(', ')}`,
    );
    console.log(
      `relay: ${pendingAtEnd} events unpublished when the load stopped, published ${drainSeconds.toFixed(1)} s later` +
        `${pending > 0 ? ` (${pending} still pending)` : ''}; floor rows written: ${Object.entries(
          floorRows.rows,
        )
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
    );
    console.log(`Postgres per purchase, ours: ${tables}`);
    for (const r of measured.refusals) log(`refused: ${r}`);
    if (disturbed)
      console.log(
        'WARNING: other processes used CPU during the run (see "other" above): figures are pessimistic',
      );
    for (const p of problems) console.log(`CHECK FAILED: ${p}`);

    finish(BENCH, log, info, {
      disturbed,
      config: cfg,
      figures: {
        ours: {
          purchasesPerSecond: measured.purchasesPerSecond,
          floorSharePct: share * 100,
          p50Ms: measured.latency.p50,
          p99Ms: measured.latency.p99,
        },
        baseline: undefined,
        floor: {
          purchasesPerSecond: floor.purchasesPerSecond,
          p50Ms: floor.latency.p50,
          p99Ms: floor.latency.p99,
        },
      },
      verdicts: Object.fromEntries(
        lines.filter((l) => l.pass !== undefined).map((l) => [l.key, l.pass ? 'PASS' : 'MISS']),
      ),
      details: {
        warmup,
        measured,
        floor,
        cpu: { ours: cpu, floor: floorCpu },
        rowsPerPurchase: perPurchase,
        tables,
        events: Object.fromEntries(subjects.map((s) => [s.subject, Number(s.n)])),
        relay: { pendingAtEnd, drainSeconds, pending },
        floorRows: floorRows.rows,
        problems,
      },
    });
    if (problems.length)
      throw new Error('the ingest lost or did not write what it answered: figures are not valid');
  } finally {
    await cleanup();
  }
}

runMain(BENCH, main);
