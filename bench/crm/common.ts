// What the three crm benches share: the crm service (or a baseline) in a child process on a throwaway
// database and NATS namespace, tokens, the CPU split of a phase, the quiet-machine check, and the
// result file with its comparison against the committed reference (bench/baseline.json).
import { DEV_JWT_SECRET, mintToken } from '@cx/platform';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  freePort,
  SHARED_NATS_URL,
  SHARED_POSTGRES_URL,
  uniqueNamespace,
} from '@cx/testing';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { between, CpuShare, mark } from '../support/cpu';
import { machineBusyPct, ServerPids, serverPids } from '../support/proc';
import { readReference, ROOT, writeReference, writeResult } from '../support/reference';
import type { ReferenceFigures } from '../support/report';
import { ServerProcess } from '../support/server-process';
import { SERVICE_NODE_FLAGS } from '../support/service-flags';
import { machine, Machine } from '../support/stats';

export const POSTGRES_URL = SHARED_POSTGRES_URL;
export const NATS_URL = SHARED_NATS_URL;
/** Above this share of CPU used by others before the bench starts, the run is flagged as taken under load. */
const QUIET_PCT = 15;
/** During a phase: cores used by processes outside the bench (other people's work). */
export const DISTURBED_CORES = 0.3;

export function numberFrom(name: string, dflt: number, min = Number.MIN_VALUE): number {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got "${v}"`);
  return n;
}

export async function sql<T>(url: string, q: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(q, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export function token(role: 'system' | 'agent', ttl = '2h'): Promise<string> {
  return mintToken({ role, sub: `bench-${role}`, secret: DEV_JWT_SECRET, issuer: 'cx-platform', ttl });
}

export interface Server {
  name: string;
  url: string;
  pid: number | undefined;
  databaseUrl: string;
  databaseName: string;
  namespace: string;
  stop(): Promise<void>;
  /** Stops the process, then drops its database and streams. */
  dispose(): Promise<void>;
}

/**
 * Starts `entry` (a module calling `serve()`) in a child process on a new database and namespace; its
 * disposal is also registered in `cleanups` (Ctrl-C or a crash). `BENCH_CRM_SERVER_NODE_ARGS` passes
 * node flags to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
export async function startServer(
  name: string,
  entry: string,
  cleanups: (() => Promise<void>)[],
  o: {
    poolSize?: number;
    variant?: string;
    database?: { url: string; name: string };
    /** A namespace the caller prepared (its streams are removed with the server). */
    namespace?: string;
  } = {},
): Promise<Server> {
  // A database of our own (dropped at the end), or the caller's (left alone).
  const own = o.database ? undefined : await createTestDatabase(POSTGRES_URL, `cx_bench_crm_`);
  const db = o.database ?? own!;
  const namespace = o.namespace ?? uniqueNamespace();
  const port = await freePort();
  // The services' V8 flags (docs/adr/0011), then any extra ones for the experiment at hand.
  const nodeArgs = [
    ...SERVICE_NODE_FLAGS,
    ...(process.env.BENCH_CRM_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  // Registered before the start, so a server that fails to start leaves no database or stream behind.
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await deleteNamespaceStreams(NATS_URL, namespace).catch(() => undefined);
    await own?.drop();
  };
  cleanups.push(drop);
  const proc = await ServerProcess.start(
    name,
    entry,
    {
      port,
      databaseUrl: db.url,
      natsUrl: NATS_URL,
      namespace,
      poolSize: o.poolSize ?? 20,
      variant: o.variant,
    },
    nodeArgs,
  );
  cleanups.push(() => proc.stop());
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: proc.pid,
    databaseUrl: db.url,
    databaseName: db.name,
    namespace,
    stop: () => proc.stop(),
    dispose: async () => {
      await proc.stop();
      await drop();
    },
  };
}

/** CPU of one phase: the server process, this process (the load generator), Postgres, NATS, the rest. */
export class CpuMeter {
  private constructor(
    private readonly pids: ServerPids,
    private readonly cores: number,
  ) {}

  static async create(cores: number): Promise<CpuMeter> {
    return new CpuMeter(await serverPids(POSTGRES_URL, NATS_URL), cores);
  }

  async during<T>(
    server: { pid?: number; databaseName: string },
    run: () => Promise<T>,
  ): Promise<[T, CpuShare]> {
    const before = mark(server.pid, this.pids, server.databaseName);
    const value = await run();
    return [value, between(before, mark(server.pid, this.pids, server.databaseName), this.cores)];
  }
}

const f2 = (v: number | undefined) => v?.toFixed(2) ?? '?';
export const cpuLine = (side: string, c: CpuShare): string =>
  `cpu, ${side.padEnd(9)}: machine ${c.machineBusyPct?.toFixed(0) ?? '?'}% busy; cores used by server ${f2(c.server)}, ` +
  `load generator ${f2(c.loadGenerator)}, Postgres (this database + WAL writer etc.) ${f2(c.postgres)}, ` +
  `NATS ${f2(c.nats)}, other ${f2(c.other)}`;

export interface RunInfo {
  startedAt: Date;
  machine: Machine & { postgres: string; synchronousCommit: string; busyBeforePct?: number };
  code: { commit: string; modified: string[] };
}

/** The machine, the servers' versions, the code measured; how busy the machine was before (no waiting: it is reported). */
export async function runInfo(log: (line: string) => void): Promise<RunInfo> {
  const m = machine();
  const [v] = await sql<{ server_version: string }>(POSTGRES_URL, 'SHOW server_version');
  const [s] = await sql<{ synchronous_commit: string }>(POSTGRES_URL, 'SHOW synchronous_commit');
  const busyBeforePct = await machineBusyPct(1_000);
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
  let code = { commit: 'unknown', modified: [] as string[] };
  try {
    code = {
      commit: git('rev-parse', '--short', 'HEAD'),
      modified: git(
        'status',
        '--porcelain',
        '--',
        'services/crm/src',
        'libs/platform/src',
        'libs/contracts/src',
        'bench',
      )
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3)),
    };
  } catch {
    // not a git checkout: the commit stays unknown
  }
  log(
    `machine: ${m.cpus} cores (${m.cpuModel}), Node ${m.node}, Postgres ${v.server_version} ` +
      `(synchronous_commit ${s.synchronous_commit}); ${busyBeforePct?.toFixed(0) ?? '?'}% busy before the bench`,
  );
  if (code.modified.length) log(`measuring uncommitted changes in: ${code.modified.join(', ')}`);
  if ((busyBeforePct ?? 0) > QUIET_PCT)
    log(`WARNING: the machine is busy with other work before the bench: figures will be low`);
  return {
    startedAt: new Date(),
    machine: { ...m, postgres: v.server_version, synchronousCommit: s.synchronous_commit, busyBeforePct },
    code,
  };
}

export const disturbedBy = (info: RunInfo, cpus: CpuShare[]): boolean =>
  (info.machine.busyBeforePct ?? 0) > QUIET_PCT || cpus.some((c) => (c.other ?? 0) > DISTURBED_CORES);

/** The committed reference of `bench` in bench/baseline.json, as the report table reads it. */
export function referenceOf(bench: string): { figures: ReferenceFigures; measuredAt?: string } {
  const ref = readReference(bench);
  const figures: ReferenceFigures = {};
  for (const [key, value] of Object.entries(ref?.figures ?? {})) {
    const [side, ...rest] = key.split('.');
    if (side !== 'ours' && side !== 'baseline' && side !== 'floor') continue;
    (figures[side] ??= {})[rest.join('.')] = value;
  }
  return { figures, measuredAt: ref?.measuredAt };
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : v);
export function roundAll<T>(o: T): T {
  return JSON.parse(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v))) as T;
}

/**
 * Writes bench/results/<bench>.json; with BENCH_WRITE_BASELINE=1 also makes this run the reference of
 * `bench` in bench/baseline.json (refused for a disturbed run unless BENCH_WRITE_BASELINE=force).
 */
export function finish(
  bench: string,
  log: (line: string) => void,
  info: RunInfo,
  o: {
    disturbed: boolean;
    config: Record<string, unknown>;
    figures: Record<'ours' | 'baseline' | 'floor', Record<string, number> | undefined>;
    verdicts: Record<string, 'PASS' | 'MISS'>;
    details: unknown;
  },
): void {
  const machineInfo = { ...info.machine, disturbed: o.disturbed };
  const file = writeResult(bench, {
    bench,
    startedAt: info.startedAt.toISOString(),
    durationSeconds: round((Date.now() - info.startedAt.getTime()) / 1000),
    machine: roundAll(machineInfo),
    code: info.code,
    config: o.config,
    figures: roundAll(o.figures),
    verdicts: o.verdicts,
    details: roundAll(o.details),
  });
  log(`result: ${file}`);
  const mode = process.env.BENCH_WRITE_BASELINE;
  if (mode !== '1' && mode !== 'force') return;
  if (o.disturbed && mode !== 'force') {
    log('reference NOT written: the run was disturbed (BENCH_WRITE_BASELINE=force to write it anyway)');
    return;
  }
  const flat: Record<string, number> = {};
  for (const [side, figures] of Object.entries(o.figures))
    for (const [k, v] of Object.entries(figures ?? {})) flat[`${side}.${k}`] = round(v);
  writeReference(bench, {
    measuredAt: info.startedAt.toISOString(),
    machine: roundAll(machineInfo),
    code: info.code,
    config: o.config,
    figures: flat,
  });
  log(`reference written: bench/baseline.json (${bench})`);
}

/** Per-table access counters of a database (pg_stat_user_tables), to see where Postgres' time went. */
export type TableStats = Record<
  string,
  { seqScan: number; seqRead: number; idxScan: number; writes: number }
>;

export async function tableStats(databaseUrl: string): Promise<TableStats> {
  const rows = await sql<{ relname: string; s: string; r: string; i: string | null; w: string }>(
    databaseUrl,
    `SELECT relname, seq_scan AS s, seq_tup_read AS r, idx_scan AS i, n_tup_ins + n_tup_upd + n_tup_del AS w
       FROM pg_stat_user_tables`,
  );
  return Object.fromEntries(
    rows.map((x) => [
      x.relname,
      { seqScan: Number(x.s), seqRead: Number(x.r), idxScan: Number(x.i ?? 0), writes: Number(x.w) },
    ]),
  );
}

/**
 * The tables the phase between `a` and `b` touched most, per `unit` (a request, a purchase): rows read
 * by sequential scans, index scans, rows written. Counters reach the view up to a second after a commit.
 */
export function tableAccess(a: TableStats, b: TableStats, units: number, top = 6): string {
  const d = Object.entries(b).map(([t, v]) => {
    const p = a[t] ?? { seqScan: 0, seqRead: 0, idxScan: 0, writes: 0 };
    return {
      t,
      seqScan: (v.seqScan - p.seqScan) / units,
      seqRead: (v.seqRead - p.seqRead) / units,
      idxScan: (v.idxScan - p.idxScan) / units,
      writes: (v.writes - p.writes) / units,
    };
  });
  return d
    .filter((x) => x.seqScan + x.idxScan + x.writes > 0)
    .sort((x, y) => y.seqRead - x.seqRead || y.idxScan + y.writes - (x.idxScan + x.writes))
    .slice(0, top)
    .map(
      (x) =>
        `${x.t} (seq scans ${x.seqScan.toFixed(2)} reading ${x.seqRead.toFixed(0)} rows, index scans ${x.idxScan.toFixed(2)}, rows written ${x.writes.toFixed(2)})`,
    )
    .join('; ');
}
