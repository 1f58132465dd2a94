// Complaints KPI query benchmark: GET /api/v1/admin/analytics/kpis for one store and one quarter with
// BENCH_KPI_ROWS complaints stored (default 1,000,000, seeded in bulk with generate_series), beside a
// plain count(*) over the same rows in the same run. Target (issue 11): the KPI query's p99 under 100 ms.
//
//   node -r ./libs/testing/register.cjs bench/complaints-kpi.bench.ts      (or: npm run bench -- complaints-kpi)
//
// The real complaints service runs in this process (the test harness: its own throwaway database and
// NATS namespace, migrations as in production); the KPI request goes through Fastify's inject with a
// lead's token (routing, auth, validation, the analytics SQL), the count(*) straight to Postgres.
// Knobs: BENCH_KPI_ROWS, BENCH_KPI_STORES (the rows are spread over them and over a year), BENCH_KPI_RUNS.
import 'reflect-metadata';
import { ManualClock } from '@cx/platform';
import { startService } from '@cx/testing';
import { Client } from 'pg';
import { complaintsService } from '../services/complaints/src/service';

const BENCH = 'complaints-kpi';
const log = (line: string) => console.log(`[${BENCH}] ${line}`);
const SEED_CHUNK = 100_000;
const TARGET_P99_MS = 100;

function num(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    last = await work();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: ms.sort((a, b) => a - b), last };
}

const summary = (ms: number[]) =>
  `p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`;

async function main(): Promise<void> {
  const rows = num('BENCH_KPI_ROWS', 1_000_000);
  const stores = num('BENCH_KPI_STORES', 200);
  const runs = num('BENCH_KPI_RUNS', 50);
  const now = new Date('2026-12-01T00:00:00Z');
  const h = await startService(complaintsService, {
    clock: new ManualClock(now),
    env: {
      SLA_SWEEP_INTERVAL_MS: '3600000',
      INCIDENT_SWEEP_INTERVAL_MS: '3600000',
      ALERT_SWEEP_INTERVAL_MS: '3600000',
    },
  });
  try {
    const t0 = Date.now();
    for (let from = 1; from <= rows; from += SEED_CHUNK) {
      const to = Math.min(rows, from + SEED_CHUNK - 1);
      // Spread over the year before `now` and over the stores; a fifth resolved, one in twenty repeats.
      await h.sql(
        `INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major,
           store_id, description, status, owner_id, department, received_at, recorded_at, recorded_by,
           first_response_due_at, resolution_due_at, resolution_clock_started_at, first_response_hours,
           resolution_hours, first_responded_at, resolved_at, resolved_owner_id, is_repeat, satisfaction, updated_at)
         SELECT gen_random_uuid(), 'B-' || i, 'hotline', (ARRAY['product-quality','delivery','service-attitude'])[1 + i % 3],
           'medium', 'medium', 'P3', false, 'S-' || lpad((i % $3)::text, 4, '0'), 'bench complaint',
           CASE WHEN i % 5 = 0 THEN 'resolved' ELSE 'in-progress' END, 'agent-' || (i % 50), 'quality',
           r.at, r.at, 'bench', r.at + interval '24 hours', r.at + interval '72 hours', r.at, 24, 72,
           r.at + interval '2 hours', CASE WHEN i % 5 = 0 THEN r.at + interval '30 hours' END,
           CASE WHEN i % 5 = 0 THEN 'agent-' || (i % 50) END, i % 20 = 0,
           CASE WHEN i % 10 = 0 THEN 'satisfied' END, r.at
         FROM generate_series($1::int, $2::int) AS i
         CROSS JOIN LATERAL (SELECT $4::timestamptz - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second' AS at) r`,
        [from, to, stores, now],
      );
    }
    await h.sql(`ANALYZE complaint`);
    log(
      `seeded ${rows.toLocaleString('en')} complaints over ${stores} stores in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const store = 'S-0007';
    const [from, to] = ['2026-07-01T00:00:00Z', '2026-10-01T00:00:00Z'];
    const url = `/api/v1/admin/analytics/kpis?storeId=${store}&from=${from}&to=${to}`;
    const kpi = async () => {
      const res = await h.request('GET', url, { as: 'lead' });
      if (res.statusCode !== 200) throw new Error(`kpis answered ${res.statusCode}: ${res.body}`);
      return res.json<{ received: number }>().received;
    };
    // On a connection held for the whole run, as the service's pool holds its own: h.sql would open a
    // new session per call and time its start-up (a few ms to tens of ms here) with the count.
    const db = new Client({ connectionString: h.dbUrl });
    await db.connect();
    const count = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM complaint WHERE store_id = $1 AND received_at >= $2 AND received_at < $3`,
          [store, from, to],
        )
      ).rows[0].n;
    await timed(5, kpi); // warm-up: plans, caches, JIT
    await timed(5, count);
    const k = await timed(runs, kpi);
    const c = await timed(runs, count);
    if (k.last !== c.last) throw new Error(`the KPI counted ${k.last} complaints, count(*) ${c.last}`);
    log(`one store, one quarter: ${c.last} of ${rows.toLocaleString('en')} complaints, ${runs} runs each`);
    log(
      `GET /admin/analytics/kpis: ${summary(k.ms)} (target p99 < ${TARGET_P99_MS} ms: ${percentile(k.ms, 99) < TARGET_P99_MS ? 'met' : 'missed'})`,
    );
    log(`plain count(*):            ${summary(c.ms)}`);
    await db.end();
  } finally {
    await h.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
