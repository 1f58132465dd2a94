// Survey answer benchmark: POST /api/v1/public/surveys/{token}/answers of the real surveys service
// (token looked up and locked, expiry and once-only checked, answers validated against the invitation's
// questionnaire version, response and outbox event in one transaction) beside a baseline in the same
// run built the NestJS docs' way (bench/surveys/baseline/). Target: at least the baseline's requests/s.
//
//   node -r ./libs/testing/register.cjs bench/surveys-answer.bench.ts     (or: npm run bench -- surveys-answer)
//
// Knobs: BENCH_ANSWER_CONNECTIONS (50), BENCH_ANSWER_SECONDS (10), BENCH_ANSWER_WARMUP_SECONDS (3),
// BENCH_ANSWER_INVITATIONS (200000: each request answers a fresh invitation, so this bounds the run),
// BENCH_ANSWER_ROUNDS (3: baseline then ours, alternately; the verdict is the median round's ratio).
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { cpuLine, CpuMeter, NATS_URL, numberFrom, Server, sql, startServer } from './crm/common';
import { seedInvitations, seedQuestionnaire, tokenOf } from './surveys/workload';
import { cleanupsOnExit } from './support/cleanups';
import { load, LoadResult } from './support/http-load';

const BENCH = 'surveys-answer';
const log = (line: string) => console.log(`[${BENCH}] ${line}`);
const cfg = {
  connections: numberFrom('BENCH_ANSWER_CONNECTIONS', 50, 1),
  seconds: numberFrom('BENCH_ANSWER_SECONDS', 10, 1),
  warmupSeconds: numberFrom('BENCH_ANSWER_WARMUP_SECONDS', 3, 1),
  invitations: numberFrom('BENCH_ANSWER_INVITATIONS', 200_000, 100),
  rounds: numberFrom('BENCH_ANSWER_ROUNDS', 3, 1),
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
    await sql(db, 'VACUUM ANALYZE invitation');
    return;
  }
  const questionnaireId = await seedQuestionnaire(db);
  await seedInvitations(db, questionnaireId, prefix, cfg.invitations);
  // Vacuumed now, so autovacuum of the fresh 200,000 rows (and their indexes) does not land in a
  // measured round: it did, as tens of ms of Postgres CPU per answer in ours' first round.
  await sql(db, 'VACUUM ANALYZE');
}

/** Each side's next invitation, kept across rounds so no token is answered twice. */
const nextInvitation: Record<Side, number> = { ours: 0, baseline: 0 };

async function measure(side: Side, server: Server, round: number, meter: CpuMeter): Promise<LoadResult> {
  const url = server.url;
  const prefix = side.slice(0, 1);
  const target = {
    url,
    path: '/',
    next: () => {
      const i = nextInvitation[side]++;
      return {
        path: `/api/v1/public/surveys/${tokenOf(prefix, i % cfg.invitations)}/answers`,
        body: JSON.stringify({
          answers: { overall: (i % 5) + 1, ...(i % 5 < 3 && { why: '慢' }), recommend: i % 11 },
        }),
        headers: { 'content-type': 'application/json' },
      };
    },
  };
  log(`${side}: round ${round}, warm-up ${cfg.warmupSeconds} s`);
  await load({ ...target, connections: cfg.connections, seconds: cfg.warmupSeconds });
  const [measured, cpu] = await meter.during(server, () =>
    load({ ...target, connections: cfg.connections, seconds: cfg.seconds }),
  );
  // CPU per answer: what each side costs, whatever else the shared machine was doing.
  const perAnswer = (cores: number | undefined) =>
    cores === undefined || !measured.requestsPerSecond
      ? '?'
      : ((cores * 1000) / measured.requestsPerSecond).toFixed(2);
  log(cpuLine(side, cpu));
  log(
    `${side}: CPU per answer: server ${perAnswer(cpu.server)} ms, Postgres ${perAnswer(cpu.postgres)} ms, ` +
      `NATS ${perAnswer(cpu.nats)} ms`,
  );
  log(
    `${side}: ${Math.round(measured.requestsPerSecond)} req/s, p99 ${measured.latency.p99.toFixed(2)} ms, ` +
      `answers ${JSON.stringify(measured.status)}`,
  );
  for (const s of measured.errorSamples.slice(0, 3)) log(`${side}: answer: ${s}`);
  if (nextInvitation[side] >= cfg.invitations)
    log(`${side}: ran out of invitations (raise BENCH_ANSWER_INVITATIONS)`);
  return measured;
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    log(`NATS ${NATS_URL}; ${JSON.stringify(cfg)}`);
    // Both servers up at once and measured in alternation, round after round: the shared machine's
    // load drifts over minutes, so each round's ratio compares sides measured under similar load.
    const meter = await CpuMeter.create(cpus().length);
    const servers: Partial<Record<Side, Server>> = {};
    for (const side of ['baseline', 'ours'] as const) {
      const server = await startServer(`surveys-${side}`, ENTRIES[side], cleanups);
      await seed(side, server.databaseUrl, side.slice(0, 1));
      servers[side] = server;
    }
    const ratios: number[] = [];
    for (let round = 1; round <= cfg.rounds; round++) {
      const base = (await measure('baseline', servers.baseline!, round, meter)).requestsPerSecond;
      const ours = (await measure('ours', servers.ours!, round, meter)).requestsPerSecond;
      ratios.push(base > 0 ? ours / base : 0);
      log(`round ${round}: ours / baseline requests/s ${ratios[ratios.length - 1].toFixed(2)}`);
    }
    const r = [...ratios].sort((a, b) => a - b)[Math.floor((ratios.length - 1) / 2)];
    log(
      `load: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (1/5/15 min) on ${cpus().length} cores`,
    );
    log(
      `ours / baseline requests/s, median of ${ratios.length} rounds: ${r.toFixed(2)} (target >= 1): ${r >= 1 ? 'PASS' : 'MISS'}`,
    );
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
