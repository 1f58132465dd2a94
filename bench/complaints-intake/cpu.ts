// Where the two cores went during a measured phase: the server under test, the bench process (the
// load generator), Postgres (postmaster and its backends), nats-server, and anything else. On a
// 2-core machine the load generator and the database take their share from the server; this makes
// that visible, and shows when other work disturbed a run.
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { sleep } from '../support/stats';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface ProcStat {
  comm: string;
  ppid: number;
  /** utime + stime + cutime + cstime, ms. */
  cpuMs: number;
}

function procStat(pid: string | number): ProcStat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return {
      comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')),
      ppid: Number(f[1]),
      cpuMs: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS,
    };
  } catch {
    return undefined;
  }
}

function systemTicks(): { busy: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - f[3] - (f[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

/** Share of all cores busy over `ms` (100 = every core), or undefined without /proc. */
export async function machineBusyPct(ms: number): Promise<number | undefined> {
  const a = systemTicks();
  await sleep(ms);
  const b = systemTicks();
  return a && b ? ((b.busy - a.busy) / (b.total - a.total)) * 100 : undefined;
}

export interface Pids {
  postmaster?: number;
  nats?: number;
}

/** The shared Postgres and nats-server, found through a backend's parent and the process table. */
export async function serverPids(postgresUrl: string): Promise<Pids> {
  const pids: Pids = {};
  const c = new Client({ connectionString: postgresUrl });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    pids.postmaster = procStat(r.rows[0].pid)?.ppid;
  } finally {
    await c.end();
  }
  try {
    const nats = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && procStat(p)?.comm === 'nats-server');
    if (nats.length === 1) pids.nats = Number(nats[0]);
  } catch {
    // no /proc
  }
  return pids;
}

export interface CpuMark {
  at: number;
  bench: number;
  server: number;
  /** The bench database's sessions and Postgres' own background processes. */
  postgres?: number;
  /** Sessions of other databases on the shared server: somebody else's work. */
  postgresOthers?: number;
  nats?: number;
  sys?: { busy: number; total: number };
}

const PG_BACKGROUND =
  /: (checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|archiver)/;

/** A backend's command line names its database: "postgres: 15/main: <user> <database> <client> <state>". */
function cmdline(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export function mark(serverPid: number | undefined, pids: Pids, database?: string): CpuMark {
  const self = process.cpuUsage();
  let postgres: number | undefined;
  let postgresOthers: number | undefined;
  if (pids.postmaster) {
    postgres = procStat(pids.postmaster)?.cpuMs ?? 0; // with the CPU of sessions that have ended
    postgresOthers = 0;
    for (const p of readdirSync('/proc'))
      if (/^\d+$/.test(p)) {
        const st = procStat(p);
        if (st?.ppid !== pids.postmaster) continue;
        const cmd = cmdline(p);
        if (PG_BACKGROUND.test(cmd) || (database !== undefined && cmd.includes(` ${database} `)))
          postgres += st.cpuMs;
        else postgresOthers += st.cpuMs;
      }
  }
  return {
    at: performance.now(),
    bench: (self.user + self.system) / 1000,
    server: serverPid ? (procStat(serverPid)?.cpuMs ?? 0) : 0,
    postgres,
    postgresOthers,
    nats: pids.nats ? procStat(pids.nats)?.cpuMs : undefined,
    sys: systemTicks(),
  };
}

/** Cores used on average between two marks (1.00 = one full core). */
export interface CpuShare {
  machineBusyPct?: number;
  server: number;
  loadGenerator: number;
  postgres?: number;
  nats?: number;
  /** Everything else, other databases' sessions on the shared Postgres included: disturbance. */
  other?: number;
}

export function between(a: CpuMark, b: CpuMark, cores: number): CpuShare {
  const wall = b.at - a.at;
  const share: CpuShare = { server: (b.server - a.server) / wall, loadGenerator: (b.bench - a.bench) / wall };
  if (a.postgres !== undefined && b.postgres !== undefined) share.postgres = (b.postgres - a.postgres) / wall;
  if (a.nats !== undefined && b.nats !== undefined) share.nats = (b.nats - a.nats) / wall;
  if (a.sys && b.sys) {
    const busy = (b.sys.busy - a.sys.busy) / (b.sys.total - a.sys.total);
    share.machineBusyPct = busy * 100;
    share.other = Math.max(
      0,
      busy * cores - share.server - share.loadGenerator - (share.postgres ?? 0) - (share.nats ?? 0),
    );
  }
  return share;
}
