// aftersales warranty lookup benchmark: GET /api/v1/warranties?serialNumber=... on the real service (auth,
// query validation, the indexed lookup, the card view) beside a floor measured in the same run: the same
// service and route started again on the same database with the lookup answering a constant
// (bench/aftersales/service-process.ts, variant lookup-floor). Target: at least 50 % of the floor's requests/s.
//
//   npm run bench -- aftersales-warranty
//
// Knobs: BENCH_WARRANTY_CONNECTIONS (50), BENCH_WARRANTY_SECONDS (10), BENCH_WARRANTY_WARMUP_SECONDS (5),
// BENCH_WARRANTY_ROWS (200000, warranties in the table).
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
import { cleanupsOnExit } from './support/cleanups';
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

const BENCH = 'aftersales-warranty-lookup';
const TARGET_SHARE = 0.5;
const log = (line: string) => console.log(`[${BENCH}] ${line}`);

const cfg = {
  connections: numberFrom('BENCH_WARRANTY_CONNECTIONS', 50, 1),
  seconds: numberFrom('BENCH_WARRANTY_SECONDS', 10, 1),
  warmupSeconds: numberFrom('BENCH_WARRANTY_WARMUP_SECONDS', 5, 1),
  rows: numberFrom('BENCH_WARRANTY_ROWS', 200_000, 1),
};

/** Warranties written straight into the table (the registry's own path is the catch-up bench's subject). */
async function seed(databaseUrl: string, rows: number): Promise<void> {
  await sql(
    databaseUrl,
    `INSERT INTO warranty (id, order_id, line_id, customer_id, store_id, sku, category, product_name, serial_number,
       quantity, unit_price_minor, currency, warranty_class, term_months, purchased_at, delivered_at, starts_at,
       ends_at, status, created_at)
     SELECT gen_random_uuid(), 'SO-' || i, '1', gen_random_uuid(), 'SH-001', 'PH-X200', 'phones', 'X200 phone',
       'SN-' || i, 1, 329900, 'CNY', 'electronics', 24, now(), now(), now(), now() + interval '2 years', 'active', now()
     FROM generate_series(1, $1::int) AS i`,
    [rows],
  );
  await sql(databaseUrl, 'ANALYZE warranty');
}

function measure(side: Side, server: Server, auth: string, meter: CpuMeter) {
  let i = 0;
  const target = {
    url: server.url,
    path: '/api/v1/warranties',
    method: 'GET' as const,
    next: () => ({
      path: `/api/v1/warranties?serialNumber=SN-${1 + ((i++ * 7919) % cfg.rows)}`,
      headers: { authorization: `Bearer ${auth}` },
    }),
  };
  return warmThenMeasure(side, server, target, cfg, meter, log);
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    const info = await runInfo(log);
    const meter = await CpuMeter.create(info.machine.cpus);
    const agent = await token('agent');
    const { o, f } = await oursThenFloor(
      'aftersales',
      'bench/aftersales/service-process.ts',
      cleanups,
      async (ours) => {
        log(`aftersales listening on ${ours.url}; seeding ${cfg.rows} warranties`);
        await seed(ours.databaseUrl, cfg.rows);
      },
      (side, server) => measure(side, server, agent, meter),
    );

    const share = o.measured.requestsPerSecond / f.measured.requestsPerSecond;
    const lines = lookupLines(o.measured, f.measured, TARGET_SHARE);
    const reference = referenceOf(BENCH);
    const disturbed = disturbedBy(info, [o.cpu, f.cpu]);
    console.log('');
    console.log(
      `aftersales warranty lookup: GET /api/v1/warranties?serialNumber= (agent) over ${cfg.rows} warranties, ` +
        `${cfg.connections} connections x ${cfg.seconds} s after ${cfg.warmupSeconds} s warm-up; floor: the same route answering a constant`,
    );
    console.log(table(lines, reference.figures));
    console.log(cpuLine('ours', o.cpu));
    console.log(cpuLine('floor', f.cpu));
    if (disturbed)
      console.log(
        'WARNING: other processes used CPU during the run (see "other" above): figures are pessimistic',
      );
    const problems =
      o.measured.non2xx || o.measured.errors
        ? [`ours answered ${o.measured.non2xx} non-2xx and ${o.measured.errors} errors`]
        : [];
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
        ours: { measured: withoutIds(o.measured), cpu: o.cpu },
        floor: { measured: withoutIds(f.measured), cpu: f.cpu },
        problems,
      },
    });
    if (problems.length) throw new Error('lookups failed: figures are not valid');
  } finally {
    await cleanup();
  }
}

runMain(BENCH, main);
