// Counts behind the survey answer bench, for ours alone: per answer, the service's and Postgres' CPU,
// the database's commits and rows touched, and the multixacts Postgres created (row locks shared by
// concurrent transactions, e.g. a foreign key check on one hot parent row). Counts move far less
// than requests/s on the shared machine.
//
//   node -r ./libs/testing/register.cjs bench/surveys/answer-probe.ts
//
// Knobs: PROBE_CONNECTIONS (50), PROBE_SECONDS (10), PROBE_ROUNDS (3), PROBE_INVITATIONS (60000).
// PROBE_SQL: one statement run on the fresh database before measuring (e.g. dropping an index or a key).
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { cpuLine, CpuMeter, numberFrom, sql, startServer, tableAccess, tableStats } from '../crm/common';
import { cleanupsOnExit } from '../support/cleanups';
import { load } from '../support/http-load';
import { seedInvitations, seedQuestionnaire, tokenOf } from './workload';

const log = (line: string) => console.log(`[answer-probe] ${line}`);
const cfg = {
  connections: numberFrom('PROBE_CONNECTIONS', 50, 1),
  seconds: numberFrom('PROBE_SECONDS', 10, 1),
  rounds: numberFrom('PROBE_ROUNDS', 3, 1),
  invitations: numberFrom('PROBE_INVITATIONS', 60_000, 100),
};

interface DbCounters {
  commits: number;
  rollbacks: number;
  inserted: number;
  updated: number;
  deleted: number;
  hit: number;
}

async function counters(db: string): Promise<DbCounters> {
  const [d] = await sql<Record<string, string>>(
    db,
    `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, blks_hit
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  return {
    commits: Number(d.xact_commit),
    rollbacks: Number(d.xact_rollback),
    inserted: Number(d.tup_inserted),
    updated: Number(d.tup_updated),
    deleted: Number(d.tup_deleted),
    hit: Number(d.blks_hit),
  };
}

async function main(): Promise<void> {
  const { cleanups, cleanup } = cleanupsOnExit(log);
  try {
    const meter = await CpuMeter.create(cpus().length);
    const server = await startServer('surveys-ours', 'bench/surveys/service-process.ts', cleanups);
    const db = server.databaseUrl;
    const questionnaireId = await seedQuestionnaire(db);
    await seedInvitations(db, questionnaireId, 'o', cfg.invitations);
    if (process.env.PROBE_SQL) await sql(db, process.env.PROBE_SQL);
    await sql(db, 'VACUUM ANALYZE');
    let next = 0;
    const target = {
      url: server.url,
      path: '/',
      next: () => {
        const i = next++;
        return {
          path: `/api/v1/public/surveys/${tokenOf('o', i % cfg.invitations)}/answers`,
          body: JSON.stringify({
            answers: { overall: (i % 5) + 1, ...(i % 5 < 3 && { why: '慢' }), recommend: i % 11 },
          }),
          headers: { 'content-type': 'application/json' },
        };
      },
    };
    await load({ ...target, connections: cfg.connections, seconds: 2 });
    for (let round = 1; round <= cfg.rounds; round++) {
      const [c0, t0] = [await counters(db), await tableStats(db)];
      const mx0 = await multixactOf(db, questionnaireId);
      const [r, cpu] = await meter.during(server, () =>
        load({ ...target, connections: cfg.connections, seconds: cfg.seconds }),
      );
      await new Promise((res) => setTimeout(res, 1000)); // the relay's marks and the stats collector
      const mx1 = await multixactOf(db, questionnaireId);
      const [{ m: multi }] = await sql<{ m: string }>(
        db,
        `SELECT coalesce((SELECT 'a multixact of ' || count(*) || ' lockers' FROM questionnaire q,
                 pg_get_multixact_members(q.xmax) WHERE q.id = $1), '') AS m`,
        [questionnaireId],
      ).catch(() => [{ m: '(not a multixact)' }]);
      const [c1, t1] = [await counters(db), await tableStats(db)];
      const n = r.created;
      const per = (x: number) => (x / n).toFixed(2);
      log(cpuLine('ours', cpu));
      log(
        `round ${round}: ${Math.round(r.requestsPerSecond)} req/s, ${JSON.stringify(r.status)}; per answer: ` +
          `CPU server ${(((cpu.server ?? 0) * 1000) / r.requestsPerSecond).toFixed(2)} ms, ` +
          `Postgres ${(((cpu.postgres ?? 0) * 1000) / r.requestsPerSecond).toFixed(2)} ms; ` +
          `commits ${per(c1.commits - c0.commits)}, rollbacks ${per(c1.rollbacks - c0.rollbacks)}, ` +
          `rows inserted ${per(c1.inserted - c0.inserted)}, updated ${per(c1.updated - c0.updated)}, ` +
          `buffer hits ${per(c1.hit - c0.hit)}, questionnaire row's xmax ${mx0} -> ${mx1} ${multi}`,
      );
      log(`round ${round}: tables: ${tableAccess(t0, t1, n)}`);
    }
    log(
      `load: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (1/5/15 min) on ${cpus().length} cores`,
    );
  } finally {
    await cleanup();
  }
}

/** The multixact id held in the questionnaire row's xmax (0 when no shared lock was ever taken). */
async function multixactOf(db: string, questionnaireId: string): Promise<number> {
  const [row] = await sql<{ x: string }>(db, `SELECT xmax::text AS x FROM questionnaire WHERE id = $1`, [
    questionnaireId,
  ]);
  return Number(row.x);
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
