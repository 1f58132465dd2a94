// crm customer lookup benchmark: POST /api/v1/customers/search by phone on the real crm service
// (validation, keyed hash of the phone, the blind-index lookup, decryption of the personal fields, the
// consents, and the audit row of the read) beside a floor measured in the same run: the same service and
// route (auth guard, validation pipe, problem filter, serialisation) started again on the same database
// with the lookup answering a constant (bench/crm/service-process.ts, variant lookup-floor).
// Target: at least 50 % of the floor's requests/s.
//
//   node -r ./libs/testing/register.cjs bench/crm-customer-lookup.bench.ts   (or: npm run bench -- crm-customer)
//
// Knobs: BENCH_LOOKUP_CONNECTIONS (50), BENCH_LOOKUP_SECONDS (10), BENCH_LOOKUP_WARMUP_SECONDS (5),
// BENCH_LOOKUP_CUSTOMERS (1000), BENCH_CRM_SERVER_NODE_ARGS, BENCH_WRITE_BASELINE=1|force.
import 'reflect-metadata';
import {
  cpuLine,
  CpuMeter,
  disturbedBy,
  finish,
  numberFrom,
  referenceOf,
  runInfo,
  Server,
  sql,
  token,
} from './crm/common';
import { phoneOf, registerCustomers } from './crm/workload';
import { cleanupsOnExit } from './support/cleanups';
import { CpuShare } from './support/cpu';
import type { LoadResult } from './support/http-load';
import {
  lookupFigures,
  lookupLines,
  oursThenFloor,
  Side,
  warmThenMeasure,
  withoutIds,
} from './support/lookup-vs-floor';
import { table } from './support/report';
import { runMain } from './support/run-main';
import { sleep } from './support/stats';

const BENCH = 'crm-customer-lookup';
const TARGET_SHARE = 0.5;
const log = (line: string) => console.log(`[${BENCH}] ${line}`);

const cfg = {
  connections: numberFrom('BENCH_LOOKUP_CONNECTIONS', 50, 1),
  seconds: numberFrom('BENCH_LOOKUP_SECONDS', 10, 1),
  warmupSeconds: numberFrom('BENCH_LOOKUP_WARMUP_SECONDS', 5, 1),
  customers: numberFrom('BENCH_LOOKUP_CUSTOMERS', 1_000, 1),
};

async function measure(
  side: Side,
  server: Server,
  auth: string,
  meter: CpuMeter,
): Promise<{ measured: LoadResult; cpu: CpuShare; audited: number }> {
  let i = 0;
  const target = {
    url: server.url,
    path: '/api/v1/customers/search',
    next: () => ({
      body: JSON.stringify({
        phone: phoneOf((i++ * 7919) % cfg.customers),
        purpose: 'hotline caller (bench)',
      }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    }),
  };
  const audits = async () =>
    Number((await sql<{ n: string }>(server.databaseUrl, `SELECT count(*) AS n FROM audit_log`))[0].n);
  let before = 0;
  const { measured, cpu } = await warmThenMeasure(side, server, target, cfg, meter, log, async () => {
    before = await audits();
  });
  await sleep(500);
  const audited = (await audits()) - before;
  return { measured, cpu, audited };
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    const info = await runInfo(log);
    const meter = await CpuMeter.create(info.machine.cpus);
    const [system, agent] = [await token('system'), await token('agent')];
    const { o, f } = await oursThenFloor(
      'crm',
      'bench/crm/service-process.ts',
      cleanups,
      async (ours) => {
        log(`crm listening on ${ours.url} (pid ${ours.pid}); registering ${cfg.customers} customers`);
        await registerCustomers(ours.url, system, cfg.customers);
        await sql(ours.databaseUrl, 'ANALYZE');
      },
      (side, server) => measure(side, server, agent, meter),
    );

    const share = o.measured.requestsPerSecond / f.measured.requestsPerSecond;
    const lines = lookupLines(o.measured, f.measured, TARGET_SHARE);
    const reference = referenceOf(BENCH);
    const disturbed = disturbedBy(info, [o.cpu, f.cpu]);
    console.log('');
    console.log(
      `crm customer lookup: POST /api/v1/customers/search by phone (agent), ${cfg.connections} connections x ` +
        `${cfg.seconds} s after ${cfg.warmupSeconds} s warm-up; floor: the same route answering a constant`,
    );
    console.log(table(lines, reference.figures));
    console.log('');
    console.log(
      `reference: bench/baseline.json${reference.measuredAt ? ` (measured ${reference.measuredAt})` : ' (none yet)'}`,
    );
    console.log(cpuLine('ours', o.cpu));
    console.log(cpuLine('floor', f.cpu));
    const perRequest = (c: CpuShare, rps: number) => ({
      server: ((c.server / rps) * 1000).toFixed(3),
      postgres: (((c.postgres ?? NaN) / rps) * 1000).toFixed(3),
    });
    const po = perRequest(o.cpu, o.measured.requestsPerSecond);
    const pf = perRequest(f.cpu, f.measured.requestsPerSecond);
    console.log(
      `cpu per request: ours ${po.server} ms in the service + ${po.postgres} ms in Postgres; floor ${pf.server} ms + ${pf.postgres} ms`,
    );
    const answered = o.measured.responses - o.measured.non2xx;
    console.log(
      `check: ${o.audited} audit rows written while ours answered ${answered} lookups (the floor wrote ${f.audited})`,
    );
    const problems: string[] = [];
    if (o.measured.non2xx || o.measured.errors)
      problems.push(`ours answered ${o.measured.non2xx} non-2xx and ${o.measured.errors} errors`);
    if (o.audited < answered) problems.push(`${answered - o.audited} lookups answered without an audit row`);
    if (disturbed)
      console.log(
        'WARNING: other processes used CPU during the run (see "other" above): figures are pessimistic',
      );
    for (const p of problems) console.log(`CHECK FAILED: ${p}`);

    finish(BENCH, log, info, {
      disturbed,
      config: cfg,
      figures: {
        ours: { ...lookupFigures(o.measured), floorSharePct: share * 100 },
        baseline: undefined,
        floor: lookupFigures(f.measured),
      },
      verdicts: { floorSharePct: share >= TARGET_SHARE ? 'PASS' : 'MISS' },
      details: {
        ours: { measured: withoutIds(o.measured), cpu: o.cpu, audited: o.audited },
        floor: { measured: withoutIds(f.measured), cpu: f.cpu, audited: f.audited },
        problems,
      },
    });
    if (problems.length) throw new Error('lookups failed or went unaudited: figures are not valid');
  } finally {
    await cleanup();
  }
}

runMain(BENCH, main);
