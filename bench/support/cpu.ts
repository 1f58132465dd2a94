// Where the two cores went during a measured phase: the server under test, the bench process (the
// load generator), Postgres (postmaster and its backends), nats-server, and anything else. On a
// 2-core machine the load generator and the database take their share from the server; this makes
// that visible, and shows when other work disturbed a run.
import { readdirSync, readFileSync } from 'node:fs';
import { procStat, ServerPids, systemTicks } from './proc';

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

/** A Postgres process now: its command line ("postgres: 15/main: <user> <database> <client> <state>") and CPU. */
export interface PostgresProcess {
  pid: string;
  cmd: string;
  /** Postgres' own checkpointer, writers and launchers, not a session. */
  background: boolean;
  cpuMs: number;
}

const PG_BACKGROUND =
  /: (checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|archiver)/;

/** The postmaster's children now (sessions and background processes), from /proc. */
export function postgresProcesses(postmaster: number): PostgresProcess[] {
  const out: PostgresProcess[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const st = procStat(pid);
    if (st?.ppid !== postmaster) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      // gone meanwhile
    }
    out.push({ pid, cmd, background: PG_BACKGROUND.test(cmd), cpuMs: st.cpuMs });
  }
  return out;
}

export function mark(serverPid: number | undefined, pids: ServerPids, database?: string): CpuMark {
  const self = process.cpuUsage();
  let postgres: number | undefined;
  let postgresOthers: number | undefined;
  if (pids.postmaster) {
    postgres = procStat(pids.postmaster)?.cpuMs ?? 0; // with the CPU of sessions that have ended
    postgresOthers = 0;
    for (const p of postgresProcesses(pids.postmaster))
      if (p.background || (database !== undefined && p.cmd.includes(` ${database} `))) postgres += p.cpuMs;
      else postgresOthers += p.cpuMs;
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
