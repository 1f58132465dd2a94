// crm single purchase benchmark: POST /api/v1/purchases of the real crm service (validation, the
// customer checked, order id unique per source, purchase and lines, loyalty points and tier, outbox
// event, in one transaction) beside a baseline measured in the same run: the same endpoint built the
// way the NestJS docs lead (Express, ValidationPipe, TypeORM repository.save with the lines by cascade,
// fire-and-forget core NATS emit; bench/crm/baseline/), and a floor (Nest on Fastify validating the
// same DTO and answering 201, nothing persisted; bench/crm/floor/). Targets: at least the baseline's
// requests/s, and p99 at a paced 100 requests/s within 2x of the baseline's.
//
//   node -r ./libs/testing/register.cjs bench/crm-purchase.bench.ts      (or: npm run bench -- crm-purchase)
//
// Each server runs in a child process of its own, one after the other, on its own throwaway database
// and NATS namespace; the load generator (autocannon) runs in this process. Knobs:
// BENCH_PURCHASE_CONNECTIONS (50), BENCH_PURCHASE_SECONDS (10), BENCH_PURCHASE_WARMUP_SECONDS (5),
// BENCH_PURCHASE_LIGHT_RATE (100), BENCH_PURCHASE_LIGHT_SECONDS (8), BENCH_PURCHASE_CUSTOMERS (1000),
// BENCH_CRM_SERVER_NODE_ARGS, BENCH_WRITE_BASELINE=1|force.
import 'reflect-metadata';
import { Subjects } from '@cx/contracts';
import { uniqueName } from '@cx/testing';
import { connect as natsConnect } from '@nats-io/transport-node';
import {
  cpuLine,
  CpuMeter,
  disturbedBy,
  finish,
  NATS_URL,
  numberFrom,
  referenceOf,
  runInfo,
  Server,
  sql,
  startServer,
  tableAccess,
  tableStats,
  token,
} from './crm/common';
import { Purchases, registerCustomers } from './crm/workload';
import { cleanupsOnExit } from './support/cleanups';
import { CpuShare } from './support/cpu';
import { load, LoadResult, paced } from './support/http-load';
import { Line, ratio, table } from './support/report';
import { sleep } from './support/stats';
import { settleWriteback } from './support/proc';
import { runMain } from './support/run-main';

const BENCH = 'crm-purchase';
const TARGETS = { throughputRatio: 1, lightP99Ratio: 2 };
const log = (line: string) => console.log(`[${BENCH}] ${line}`);

const cfg = {
  connections: numberFrom('BENCH_PURCHASE_CONNECTIONS', 50, 1),
  seconds: numberFrom('BENCH_PURCHASE_SECONDS', 10, 1),
  warmupSeconds: numberFrom('BENCH_PURCHASE_WARMUP_SECONDS', 5, 1),
  lightRate: numberFrom('BENCH_PURCHASE_LIGHT_RATE', 100, 1),
  lightConnections: 10,
  lightSeconds: numberFrom('BENCH_PURCHASE_LIGHT_SECONDS', 8, 1),
  customers: numberFrom('BENCH_PURCHASE_CUSTOMERS', 1_000, 1),
};

type Side = 'ours' | 'baseline' | 'floor';
const ENTRIES: Record<Side, string> = {
  ours: 'bench/crm/service-process.ts',
  baseline: 'bench/crm/baseline/main.ts',
  floor: 'bench/crm/floor/main.ts',
};

interface SideResult {
  measured: LoadResult;
  light: LoadResult;
  cpu: CpuShare;
  checks: { created: number; rows?: number; events?: number; problems: string[] };
  /** Ours and the baseline: the tables the measured phase touched most, per request. */
  tables?: string;
}

async function measure(
  side: Side,
  server: Server,
  auth: string,
  customerIds: string[],
  meter: CpuMeter,
): Promise<SideResult> {
  // The baseline's events go nowhere unless someone listens: count them, as a consumer would see them.
  let received = 0;
  const listener =
    side === 'baseline' ? await natsConnect({ servers: NATS_URL, name: 'bench-crm-listener' }) : undefined;
  listener?.subscribe(`${server.namespace}.crm.purchase.recorded`, { callback: () => void received++ });
  const purchases = new Purchases(uniqueName(side.slice(0, 1)), customerIds);
  const target = {
    url: server.url,
    path: '/api/v1/purchases',
    next: () => ({
      body: JSON.stringify(purchases.next()),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    }),
  };
  if (side !== 'floor') await sql(server.databaseUrl, 'CHECKPOINT');
  log(`${side}: warm-up ${cfg.warmupSeconds} s`);
  const warmup = await load({ ...target, connections: cfg.connections, seconds: cfg.warmupSeconds });
  if (side !== 'floor') await sql(server.databaseUrl, 'ANALYZE');
  await sleep(500);
  const statsBefore = side === 'floor' ? undefined : await tableStats(server.databaseUrl);
  const [measured, cpu] = await meter.during(server, () =>
    load({ ...target, connections: cfg.connections, seconds: cfg.seconds }),
  );
  await sleep(1_000); // the counters reach pg_stat_user_tables up to a second after the commits
  const tables = statsBefore
    ? tableAccess(statsBefore, await tableStats(server.databaseUrl), Math.max(1, measured.responses))
    : undefined;
  await settleWriteback(); // the light phase at its own load, not the saturated phase's writeback (ADR 53)
  const light = await paced({
    ...target,
    connections: cfg.lightConnections,
    seconds: cfg.lightSeconds,
    rate: cfg.lightRate,
  });
  log(
    `${side}: ${Math.round(measured.requestsPerSecond)} req/s, p99 ${measured.latency.p99.toFixed(2)} ms; ` +
      `at ${Math.round(light.requestsPerSecond)} req/s p99 ${light.latency.p99.toFixed(2)} ms`,
  );
  for (const s of [...warmup.errorSamples, ...measured.errorSamples, ...light.errorSamples].slice(0, 3))
    log(`${side}: answer: ${s}`);

  const ids = [warmup, measured, light].flatMap((p) => p.createdIds);
  const cutOff = [warmup, measured, light].reduce((n, p) => n + Math.max(0, p.sent - p.responses), 0);
  const checks: SideResult['checks'] = { created: ids.length, problems: [] };
  if (side !== 'floor') {
    await sleep(1_000); // requests cut off at the end may still commit
    const count = async (q: string, params: unknown[] = []) =>
      Number((await sql<{ n: string }>(server.databaseUrl, q, params))[0].n);
    checks.rows = await count(`SELECT count(*) AS n FROM purchase`);
    const found = await count(`SELECT count(*) AS n FROM purchase WHERE id = ANY($1::uuid[])`, [ids]);
    if (found !== ids.length)
      checks.problems.push(`${ids.length - found} purchases answered 201 are not in the database`);
    if (checks.rows > ids.length + cutOff)
      checks.problems.push(
        `${checks.rows} purchase rows for ${ids.length} answers 201 (+ ${cutOff} cut off)`,
      );
    checks.events =
      side === 'ours'
        ? await count(`SELECT count(*) AS n FROM outbox WHERE subject = $1`, [Subjects.crm.purchaseRecorded])
        : received;
    if (side === 'ours' && checks.events !== checks.rows)
      checks.problems.push(`${checks.events} recorded events in the outbox for ${checks.rows} purchases`);
  }
  await listener?.close();
  return { measured, light, cpu, checks, tables };
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    const info = await runInfo(log);
    const meter = await CpuMeter.create(info.machine.cpus);
    const system = await token('system');
    const results = {} as Record<Side, SideResult>;
    let customerIds: string[] = [];
    for (const side of ['ours', 'baseline', 'floor'] as const) {
      const server = await startServer(side, ENTRIES[side], cleanups);
      log(`${side}: listening on ${server.url} (pid ${server.pid})`);
      if (side === 'ours') customerIds = await registerCustomers(server.url, system, cfg.customers);
      results[side] = await measure(side, server, system, customerIds, meter);
      await server.dispose(); // now, so its database's autovacuum does not run during the next side
    }
    const { ours, baseline, floor } = results;
    const o = ours.measured;
    const b = baseline.measured;
    const f = floor.measured;
    const throughput = ratio(o.requestsPerSecond, b.requestsPerSecond);
    const lightP99 = ratio(ours.light.latency.p99, baseline.light.latency.p99);
    const lines: Line[] = [
      {
        key: 'requestsPerSecond',
        label: 'requests/s (2xx)',
        unit: 'req/s',
        ours: o.requestsPerSecond,
        baseline: b.requestsPerSecond,
        floor: f.requestsPerSecond,
        target: `ours >= ${TARGETS.throughputRatio}x baseline`,
        pass: throughput >= TARGETS.throughputRatio,
      },
      {
        key: 'p50Ms',
        label: 'latency p50',
        unit: 'ms',
        ours: o.latency.p50,
        baseline: b.latency.p50,
        floor: f.latency.p50,
      },
      {
        key: 'p99Ms',
        label: 'latency p99',
        unit: 'ms',
        ours: o.latency.p99,
        baseline: b.latency.p99,
        floor: f.latency.p99,
      },
      {
        key: 'errors',
        label: 'errors + non-2xx',
        unit: 'count',
        ours: o.non2xx + o.errors,
        baseline: b.non2xx + b.errors,
        floor: f.non2xx + f.errors,
      },
      {
        key: 'light.p50Ms',
        label: `latency p50 @ ${cfg.lightRate} req/s`,
        unit: 'ms',
        ours: ours.light.latency.p50,
        baseline: baseline.light.latency.p50,
        floor: floor.light.latency.p50,
      },
      {
        key: 'light.p99Ms',
        label: `latency p99 @ ${cfg.lightRate} req/s`,
        unit: 'ms',
        ours: ours.light.latency.p99,
        baseline: baseline.light.latency.p99,
        floor: floor.light.latency.p99,
        target: `ours <= ${TARGETS.lightP99Ratio}x baseline`,
        pass: lightP99 <= TARGETS.lightP99Ratio,
      },
    ];
    const reference = referenceOf(BENCH);
    const disturbed = disturbedBy(info, [ours.cpu, baseline.cpu, floor.cpu]);
    console.log('');
    console.log(
      `crm purchase: POST /api/v1/purchases (3 lines), ${cfg.connections} connections x ${cfg.seconds} s each after ` +
        `${cfg.warmupSeconds} s warm-up, then paced ${cfg.lightRate} req/s for ${cfg.lightSeconds} s`,
    );
    console.log(table(lines, reference.figures));
    console.log('');
    console.log(
      `reference: bench/baseline.json${reference.measuredAt ? ` (measured ${reference.measuredAt})` : ' (none yet)'}`,
    );
    for (const side of ['ours', 'baseline', 'floor'] as const) console.log(cpuLine(side, results[side].cpu));
    const perRequest = (c: CpuShare, rps: number) =>
      (((c.server + (c.postgres ?? 0) + (c.nats ?? 0)) / rps) * 1000).toFixed(3);
    console.log(
      `cpu per request (server + Postgres + NATS): ours ${perRequest(ours.cpu, o.requestsPerSecond)} ms, ` +
        `baseline ${perRequest(baseline.cpu, b.requestsPerSecond)} ms, floor ${perRequest(floor.cpu, f.requestsPerSecond)} ms`,
    );
    console.log(
      `check: ours ${ours.checks.created} answered 201, ${ours.checks.rows} purchase rows, ${ours.checks.events} recorded events in the outbox; ` +
        `baseline ${baseline.checks.created} answered 201, ${baseline.checks.rows} rows, ${baseline.checks.events} core NATS events received`,
    );
    if (disturbed)
      console.log(
        'WARNING: other processes used CPU during the run (see "other" above): figures are pessimistic',
      );
    const problems = [
      ...ours.checks.problems.map((p) => `ours: ${p}`),
      ...baseline.checks.problems.map((p) => `baseline: ${p}`),
    ];
    for (const p of problems) console.log(`CHECK FAILED, ${p}`);

    const figures = (r: SideResult) => ({
      requestsPerSecond: r.measured.requestsPerSecond,
      p50Ms: r.measured.latency.p50,
      p99Ms: r.measured.latency.p99,
      errors: r.measured.non2xx + r.measured.errors,
      'light.p50Ms': r.light.latency.p50,
      'light.p99Ms': r.light.latency.p99,
    });
    const strip = ({ createdIds: _ids, ...rest }: LoadResult) => rest;
    finish(BENCH, log, info, {
      disturbed,
      config: cfg,
      figures: { ours: figures(ours), baseline: figures(baseline), floor: figures(floor) },
      verdicts: Object.fromEntries(
        lines.filter((l) => l.pass !== undefined).map((l) => [l.key, l.pass ? 'PASS' : 'MISS']),
      ),
      details: Object.fromEntries(
        (['ours', 'baseline', 'floor'] as const).map((side) => [
          side,
          {
            measured: strip(results[side].measured),
            light: strip(results[side].light),
            cpu: results[side].cpu,
            checks: results[side].checks,
            tables: results[side].tables,
          },
        ]),
      ),
    });
    if (problems.length)
      throw new Error('a server lost or did not persist what it answered: figures are not valid');
  } finally {
    await cleanup();
  }
}

runMain(BENCH, main);
