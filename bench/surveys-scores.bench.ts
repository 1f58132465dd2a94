// A store's scores for one quarter over many stored answers: GET /api/v1/admin/scores of the real
// surveys service (CSAT and NPS distributions, satisfaction and response rate of one store, through
// the daily rollup, ADR 0024) beside a plain count(*) of the same rows sent straight to
// Postgres in the same run. Target: p99 under 50 ms with 1,000,000 answers stored.
//
//   node -r ./libs/testing/register.cjs bench/surveys-scores.bench.ts     (or: npm run bench -- surveys-scores)
//
// Knobs: BENCH_SCORES_ANSWERS (1000000, spread over 50 stores and one quarter), BENCH_SCORES_REQUESTS (300).
import 'reflect-metadata';
import { mintToken, DEV_JWT_SECRET } from '@cx/platform';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { numberFrom, sql, startServer } from './crm/common';
import { seedQuestionnaire } from './surveys/workload';
import { cleanupsOnExit } from './support/cleanups';
import { summarize } from './support/stats';

const BENCH = 'surveys-scores';
const log = (line: string) => console.log(`[${BENCH}] ${line}`);
const cfg = {
  answers: numberFrom('BENCH_SCORES_ANSWERS', 1_000_000, 1),
  requests: numberFrom('BENCH_SCORES_REQUESTS', 300, 10),
  stores: 50,
};
const TARGET_P99_MS = 50;
const FROM = '2026-04-01T00:00:00+08:00';
const TO = '2026-07-01T00:00:00+08:00';

async function seed(db: string): Promise<void> {
  const questionnaireId = await seedQuestionnaire(db);
  const batch = 250_000;
  for (let start = 0; start < cfg.answers; start += batch) {
    const n = Math.min(batch, cfg.answers - start);
    // Answers spread evenly over the quarter (91 days) and the stores; CSAT 1-5, NPS 0-10.
    await sql(
      db,
      `INSERT INTO response (id, questionnaire_id, version, trigger, subject_type, store_id, employee_id, touchpoint,
          answers, csat, nps, satisfied, mode, submitted_at)
       SELECT gen_random_uuid(), $1, 1, 'periodic', 'store', 'SH-' || (i % $4), 'E' || (i % 400), 'checkout',
          jsonb_build_object('overall', 1 + i % 5), 1 + i % 5, i % 11, (1 + i % 5) >= 4, 'online',
          $5::timestamptz + (i % 7862400) * interval '1 second'
         FROM generate_series($2::int, $2::int + $3::int - 1) i`,
      [questionnaireId, start, n, cfg.stores, FROM],
    );
    log(`seeded ${start + n} answers`);
  }
  await sql(db, 'VACUUM ANALYZE response');
  // The service's rollup job (every 2 s here) rolls the closed days up into response_daily (ADR 0024).
  // Answers imported in bulk are older than its watermark: rebuild, as ADR 0024 says (under the job's
  // lock, so a step it is running finishes first).
  await sql(
    db,
    `DO $$ BEGIN
       PERFORM pg_advisory_xact_lock(hashtext('surveys.rollup'));
       TRUNCATE response_daily;
       UPDATE response_rollup_state SET rolled_until = NULL;
     END $$`,
  );
  const t = performance.now();
  for (;;) {
    const [row] = await sql<{ until: string | null }>(
      db,
      `SELECT rolled_until::text AS until FROM response_rollup_state`,
    );
    if (row?.until && row.until > '2026-07-01') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`rolled up in ${((performance.now() - t) / 1000).toFixed(1)} s (response_daily)`);
  await sql(db, 'VACUUM ANALYZE response_daily');
}

async function timed(n: number, one: () => Promise<void>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await one();
    ms.push(performance.now() - t);
  }
  return ms;
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    log(JSON.stringify(cfg));
    const server = await startServer('surveys-ours', 'bench/surveys/service-process.ts', cleanups);
    try {
      await seed(server.databaseUrl);
      const auth = await mintToken({
        role: 'lead',
        dept: 'surveys',
        sub: 'bench-lead',
        secret: DEV_JWT_SECRET,
        issuer: 'cx-platform',
      });
      const storeOf = (i: number) => `SH-${i % cfg.stores}`;
      let expected = 0;
      let i = 0;
      const ours = await timed(cfg.requests, async () => {
        const url = `${server.url}/api/v1/admin/scores?groupBy=store&storeId=${storeOf(i++)}&from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;
        const res = await fetch(url, { headers: { authorization: `Bearer ${auth}` } });
        const body = (await res.json()) as { groups: { responses: number }[] };
        if (res.status !== 200) throw new Error(`scores answered ${res.status}`);
        expected = body.groups[0]?.responses ?? 0;
      });
      // A store's monthly trend over the year (13 months with the one before), as the console charts it.
      let months = 0;
      let t = 0;
      const trend = await timed(cfg.requests, async () => {
        const url = `${server.url}/api/v1/admin/scores/trends?interval=month&storeId=${storeOf(t++)}&from=2026-01-01&to=2027-01-01&timeZone=Asia/Shanghai`;
        const res = await fetch(url, { headers: { authorization: `Bearer ${auth}` } });
        if (res.status !== 200) throw new Error(`trends answered ${res.status}`);
        months = ((await res.json()) as { periods: unknown[] }).periods.length;
      });
      const c = new Client({ connectionString: server.databaseUrl });
      await c.connect();
      let counted = 0;
      let j = 0;
      const floor = await timed(cfg.requests, async () => {
        const r = await c.query(
          `SELECT count(*) AS n FROM response WHERE store_id = $1 AND submitted_at >= $2 AND submitted_at < $3`,
          [storeOf(j++), FROM, TO],
        );
        counted = Number((r.rows[0] as { n: string }).n);
      });
      // Where our time goes: the rollup's read sent straight to Postgres, and the same service's
      // lightest admin route (token, guard, one small statement, JSON) over HTTP.
      let k = 0;
      const rollupSql = await timed(cfg.requests, async () => {
        await c.query(
          `SELECT employee_id, sum(responses), sum(satisfied), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5)
             FROM response_daily WHERE store_id = $1 AND day >= $2 AND day < $3 GROUP BY 1`,
          [storeOf(k++), '2026-04-01', '2026-07-01'],
        );
      });
      await c.end();
      const http = await timed(cfg.requests, async () => {
        const res = await fetch(`${server.url}/api/v1/admin/scores/alerts`, {
          headers: { authorization: `Bearer ${auth}` },
        });
        await res.arrayBuffer();
      });
      const o = summarize(ours);
      const f = summarize(floor);
      const r = summarize(rollupSql);
      const a = summarize(http);
      log(`one store's quarter: ${expected} answers (count(*) says ${counted}) of ${cfg.answers} stored`);
      log(`ours  scores: p50 ${o.p50.toFixed(2)} ms, p99 ${o.p99.toFixed(2)} ms`);
      log(`plain count(*): p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms`);
      log(`rollup read alone (SQL): p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`);
      log(`lightest admin route (HTTP): p50 ${a.p50.toFixed(2)} ms, p99 ${a.p99.toFixed(2)} ms`);
      const tr = summarize(trend);
      log(
        `a store's monthly trend (${months} months): p50 ${tr.p50.toFixed(2)} ms, p99 ${tr.p99.toFixed(2)} ms`,
      );
      log(
        `load: ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')} (1/5/15 min) on ${cpus().length} cores`,
      );
      log(`p99 target < ${TARGET_P99_MS} ms: ${o.p99 < TARGET_P99_MS ? 'PASS' : 'MISS'}`);
    } finally {
      await server.dispose();
    }
  } finally {
    await cleanup();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
