// Reading CPU use from /proc, for the benches' "where the cores went" lines, and the kernel's dirty page
// cache before a light phase (Linux; undefined elsewhere).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { sleep } from './stats';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime + cutime + cstime, in ms. */
  cpuMs: number;
}

export function procStat(pid: string | number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17
    return {
      pid: Number(pid),
      comm,
      ppid: Number(f[1]),
      cpuMs: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS,
    };
  } catch {
    return undefined; // gone meanwhile, or no /proc
  }
}

/** Busy and total ticks of all cores since boot. */
export function systemTicks(): { busy: number; total: number } | undefined {
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

/** The shared Postgres (postmaster) and nats-server a bench talks to, so their CPU can be told from the rest. */
export interface ServerPids {
  postmaster?: number;
  nats?: number;
}

/** Found through a backend's parent and the process table (same machine only; otherwise unknown). */
export async function serverPids(postgresUrl: string, natsUrl: string): Promise<ServerPids> {
  const pids: ServerPids = {};
  const c = new Client({ connectionString: postgresUrl });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    pids.postmaster = procStat(r.rows[0].pid)?.ppid;
  } finally {
    await c.end();
  }
  try {
    const port = new URL(natsUrl).port || '4222';
    const candidates = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p) && procStat(p)?.comm === 'nats-server')
      .map((p) => ({ pid: Number(p), args: readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0') }));
    const match = candidates.find((c) => c.args.includes(port) || c.args.some((a) => a.endsWith(`:${port}`)));
    pids.nats = (match ?? (candidates.length === 1 ? candidates[0] : undefined))?.pid;
  } catch {
    // no /proc: CPU split unknown
  }
  return pids;
}

/** The kernel's dirty page cache, in MB (Dirty + Writeback of /proc/meminfo); undefined without /proc. */
export function dirtyMb(): number | undefined {
  try {
    const info = readFileSync('/proc/meminfo', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(info)?.[1] ?? 0);
    return (kb('Dirty') + kb('Writeback')) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * Writes out what earlier phases left dirty in the page cache (sync(1)) and waits `ms`, so that a light
 * phase measures latency at its own load, not the kernel's writeback of a saturated phase before it:
 * that writeback falls about 30 s after the pages were dirtied (dirty_expire_centisecs) and stalls
 * COMMITs meanwhile (docs/benchmarks.md, round 10; ADR 53). Postgres's shared buffers are not touched
 * (no CHECKPOINT: its full-page writes would change what the phase writes). Gives Dirty before and after.
 */
export async function settleWriteback(ms = 1000): Promise<{ beforeMb?: number; afterMb?: number }> {
  const beforeMb = dirtyMb();
  // BENCH_SETTLE_WRITEBACK=0: no sync, as the benches ran before ADR 53 (for comparison).
  if (process.env.BENCH_SETTLE_WRITEBACK === '0') return { beforeMb, afterMb: beforeMb };
  execFileSync('sync');
  await sleep(ms);
  return { beforeMb, afterMb: dirtyMb() };
}
