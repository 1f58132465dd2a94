// training scorecard recompute benchmark: a month's scorecards for BENCH_TRAINING_EMPLOYEES (2,000)
// employees recomputed from BENCH_TRAINING_EVENTS (500,000) events' facts by the real service
// (ScorecardService.recompute: the month row locked, the aggregation, the weighting, minimum samples
// and rankings, the cards replaced), beside a floor measured in the same run on the same rows: the
// same aggregation as one plain SQL query, nothing else.
// Target (issue 15): under 10 s.
//
//   node -r ./libs/testing/register.cjs bench/training-scorecards.bench.ts   (or: npm run bench -- training-scorecards)
//
// Knobs: BENCH_TRAINING_EMPLOYEES (2000), BENCH_TRAINING_EVENTS (500000), BENCH_TRAINING_STORES (100),
// BENCH_TRAINING_ROUNDS (3: the best of them is reported), BENCH_WRITE_BASELINE=1|force.
import 'reflect-metadata';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { ScorecardRepository } from '../services/training/src/scorecard/scorecard.repository';
import { ScorecardService } from '../services/training/src/scorecard/scorecard.service';
import { trainingService } from '../services/training/src/service';
import { disturbedBy, finish, numberFrom, referenceOf, runInfo, sql } from './crm/common';
import { Line, table } from './support/report';
import { runMain } from './support/run-main';

const BENCH = 'training-scorecards';
const TARGET_MS = 10_000;
const MONTH = '2026-11';
const log = (line: string) => console.log(`[${BENCH}] ${line}`);

const cfg = {
  employees: numberFrom('BENCH_TRAINING_EMPLOYEES', 2_000, 1),
  events: numberFrom('BENCH_TRAINING_EVENTS', 500_000, 1),
  stores: numberFrom('BENCH_TRAINING_STORES', 100, 1),
  rounds: numberFrom('BENCH_TRAINING_ROUNDS', 3, 1),
};

/**
 * The month's facts as the handlers write them, made in SQL (this bench measures the recompute; the
 * ingest bench measures how facts get there): one employee fact and one store fact per event, kinds in
 * the mix of a store's month (half survey answers, audits, complaints, resolutions, breaches, attempts).
 */
async function seed(url: string): Promise<void> {
  await sql(
    url,
    `INSERT INTO scorecard_fact (id, scope, subject_id, store_id, month, kind, value, ok, occurred_at, source_id, customer_id, after_close)
     SELECT gen_random_uuid(), s.scope,
            CASE WHEN s.scope = 'employee' THEN 'E' || (i % $2) ELSE 'S' || ((i % $2) % $3) END,
            'S' || ((i % $2) % $3), $4,
            k.kind,
            CASE k.kind WHEN 'response' THEN (i % 5 > 0)::int WHEN 'audit' THEN 60 + i % 40
                        WHEN 'resolution' THEN i % 72 WHEN 'attempt' THEN 50 + i % 50 ELSE 1 END,
            CASE WHEN k.kind = 'resolution' THEN i % 4 > 0 END,
            timestamptz '2026-11-01T00:00:00Z' + (i % 2592000) * interval '1 second',
            i::text, NULL, false
       FROM generate_series(1, $1) AS i
       CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 < 10 THEN 'response' WHEN i % 20 < 12 THEN 'audit'
                                       WHEN i % 20 < 15 THEN 'complaint' WHEN i % 20 < 18 THEN 'resolution'
                                       WHEN i % 20 < 19 THEN 'breach' ELSE 'attempt' END AS kind) k
       CROSS JOIN (VALUES ('employee'), ('store')) AS s(scope)`,
    [cfg.events, cfg.employees, cfg.stores, MONTH],
  );
  await sql(url, 'ANALYZE scorecard_fact');
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

async function main(): Promise<void> {
  const info = await runInfo(log);
  let h: ServiceHarness | undefined;
  try {
    h = await startService(trainingService, { clock: new ManualClock('2026-12-02T00:00:00Z') });
    const url = h.dbUrl;
    log(`seeding ${cfg.events} events' facts for ${cfg.employees} employees in ${cfg.stores} stores`);
    const [seedMs] = await timed(() => seed(url));
    log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);
    const service = h.get(ScorecardService);
    const ours: number[] = [];
    const floor: number[] = [];
    let floorRows = 0;
    for (let r = 0; r < cfg.rounds; r++) {
      const [o] = await timed(() => service.recompute(MONTH));
      const [f, rows] = await timed(() => sql(url, ScorecardRepository.AGGREGATE_SQL, [MONTH]));
      floorRows = rows.length;
      ours.push(o);
      floor.push(f);
      log(`round ${r + 1}: recompute ${o.toFixed(0)} ms, plain SQL aggregation ${f.toFixed(0)} ms`);
    }
    const [cards] = await sql<{ n: string }>(url, `SELECT count(*) AS n FROM scorecard WHERE month = $1`, [
      MONTH,
    ]);
    const best = { ours: Math.min(...ours), floor: Math.min(...floor) };
    const lines: Line[] = [
      {
        key: 'recomputeMs',
        label: 'recompute the month',
        unit: 'ms',
        ours: best.ours,
        floor: best.floor,
        target: `< ${TARGET_MS} ms`,
        pass: best.ours < TARGET_MS,
      },
      {
        key: 'cards',
        label: 'scorecards written / rows aggregated',
        unit: 'count',
        ours: Number(cards.n),
        floor: floorRows,
      },
    ];
    console.log('');
    console.log(
      `training scorecards: recompute ${MONTH} for ${cfg.employees} employees from ${cfg.events} events ` +
        `(best of ${cfg.rounds}); floor: the same aggregation as one plain SQL query`,
    );
    console.log(table(lines, referenceOf(BENCH).figures));
    const problems =
      Number(cards.n) !== floorRows ? [`${cards.n} cards for ${floorRows} aggregated subjects`] : [];
    for (const p of problems) console.log(`CHECK FAILED: ${p}`);
    finish(BENCH, log, info, {
      disturbed: disturbedBy(info, []),
      config: cfg,
      figures: { ours: { recomputeMs: best.ours }, baseline: undefined, floor: { recomputeMs: best.floor } },
      verdicts: { recomputeMs: best.ours < TARGET_MS ? 'PASS' : 'MISS' },
      details: { ours, floor, seedMs, problems },
    });
    if (problems.length) throw new Error('the recompute did not write a card per subject');
  } finally {
    await h?.stop();
  }
}

runMain(BENCH, main);
