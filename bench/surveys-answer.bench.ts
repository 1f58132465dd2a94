// Survey answer benchmark: POST /api/v1/public/surveys/{token}/answers of the real surveys service
// (token looked up and locked, expiry and once-only checked, answers validated against the invitation's
// questionnaire version, response and outbox event in one transaction) beside a baseline in the same
// run built the NestJS docs' way (bench/surveys/baseline/). Target: at least the baseline's requests/s.
//
//   node -r ./libs/testing/register.cjs bench/surveys-answer.bench.ts     (or: npm run bench -- surveys-answer)
//
// Knobs: BENCH_ANSWER_CONNECTIONS (50), BENCH_ANSWER_SECONDS (10), BENCH_ANSWER_WARMUP_SECONDS (3),
// BENCH_ANSWER_INVITATIONS (200000: each request answers a fresh invitation, so this bounds the run).
import 'reflect-metadata';
import { NATS_URL, numberFrom, sql, startServer } from './crm/common';
import { seedQuestionnaire, tokenOf } from './surveys/workload';
import { cleanupsOnExit } from './support/cleanups';
import { load, LoadResult } from './support/http-load';

const BENCH = 'surveys-answer';
const log = (line: string) => console.log(`[${BENCH}] ${line}`);
const cfg = {
  connections: numberFrom('BENCH_ANSWER_CONNECTIONS', 50, 1),
  seconds: numberFrom('BENCH_ANSWER_SECONDS', 10, 1),
  warmupSeconds: numberFrom('BENCH_ANSWER_WARMUP_SECONDS', 3, 1),
  invitations: numberFrom('BENCH_ANSWER_INVITATIONS', 200_000, 100),
};

type Side = 'ours' | 'baseline';
const ENTRIES: Record<Side, string> = {
  ours: 'bench/surveys/service-process.ts',
  baseline: 'bench/surveys/baseline/main.ts',
};

/** Invitations to answer, one per request, in each side's own table shape. */
async function seed(side: Side, db: string, prefix: string): Promise<void> {
  if (side === 'baseline') {
    await sql(
      db,
      `INSERT INTO invitation (token, "storeId", answered)
       SELECT rpad($1 || '-' || i, 43, 'x'), 'SH-' || (i % 50), false FROM generate_series(0, $2 - 1) i`,
      [prefix, cfg.invitations],
    );
    return;
  }
  const questionnaireId = await seedQuestionnaire(db);
  await sql(
    db,
    `INSERT INTO invitation (id, token, questionnaire_id, version, trigger, subject_type, subject_id, customer_id,
        store_id, employee_id, touchpoint, channel, language, priority, status, send_at, expires_at, created_at)
     SELECT gen_random_uuid(), rpad($1 || '-' || i, 43, 'x'), $3, 1, 'complaint-resolved', 'complaint',
        gen_random_uuid()::text, gen_random_uuid(), 'SH-' || (i % 50), 'E' || (i % 400), 'checkout', 'email',
        'zh-CN', 5, 'sent', now(), now() + interval '14 days', now()
       FROM generate_series(0, $2 - 1) i`,
    [prefix, cfg.invitations, questionnaireId],
  );
  await sql(db, 'ANALYZE');
}

async function measure(side: Side, url: string, db: string): Promise<LoadResult> {
  const prefix = side.slice(0, 1);
  await seed(side, db, prefix);
  let i = 0;
  const target = {
    url,
    path: '/',
    next: () => ({
      path: `/api/v1/public/surveys/${tokenOf(prefix, i++ % cfg.invitations)}/answers`,
      body: JSON.stringify({
        answers: { overall: (i % 5) + 1, ...(i % 5 < 3 && { why: '慢' }), recommend: i % 11 },
      }),
      headers: { 'content-type': 'application/json' },
    }),
  };
  log(`${side}: warm-up ${cfg.warmupSeconds} s`);
  await load({ ...target, connections: cfg.connections, seconds: cfg.warmupSeconds });
  const measured = await load({ ...target, connections: cfg.connections, seconds: cfg.seconds });
  log(
    `${side}: ${Math.round(measured.requestsPerSecond)} req/s, p99 ${measured.latency.p99.toFixed(2)} ms, ` +
      `answers ${JSON.stringify(measured.status)}`,
  );
  for (const s of measured.errorSamples.slice(0, 3)) log(`${side}: answer: ${s}`);
  if (i >= cfg.invitations) log(`${side}: ran out of invitations (raise BENCH_ANSWER_INVITATIONS)`);
  return measured;
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    log(`NATS ${NATS_URL}; ${JSON.stringify(cfg)}`);
    const results: Partial<Record<Side, LoadResult>> = {};
    for (const side of ['baseline', 'ours'] as const) {
      const server = await startServer(`surveys-${side}`, ENTRIES[side], cleanups);
      try {
        results[side] = await measure(side, server.url, server.databaseUrl);
      } finally {
        await server.dispose();
      }
    }
    const ours = results.ours!.requestsPerSecond;
    const base = results.baseline!.requestsPerSecond;
    const r = base > 0 ? ours / base : 0;
    log(`ours / baseline requests/s: ${r.toFixed(2)} (target >= 1): ${r >= 1 ? 'PASS' : 'MISS'}`);
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
