// Where the intake's latency tail at light load comes from (issue 11, item 9). Starts one server of
// the intake bench (BENCH_PROBE_SIDE: ours or baseline) with the per-request trace on
// (bench/support/request-trace.ts), loads it like the bench does (warm-up and measured phase, closed
// loop), then paces BENCH_PROBE_RATE requests/s for BENCH_PROBE_SECONDS and prints, for the slowest 1 %
// of those requests, what the server was doing meanwhile: its own time for the request, Postgres
// statements and pool waits, event-loop stalls and GC pauses.
//
//   node -r ./libs/testing/register.cjs bench/complaints-intake/light-probe.ts
//
// Knobs: BENCH_PROBE_SIDE (ours), BENCH_PROBE_TRACE (1; 0 = latencies and CPU only), BENCH_PROBE_WARMUP_SECONDS (10), BENCH_PROBE_LOAD_SECONDS (15, 0 = none),
// BENCH_PROBE_IDEMPOTENT_SHARE (0.5: the share of requests sent with an Idempotency-Key),
// BENCH_PROBE_RATE (100), BENCH_PROBE_CONNECTIONS (10), BENCH_PROBE_SECONDS (20), BENCH_PROBE_SERVER_NODE_ARGS (after the services' V8
// flags; BENCH_SERVICE_NODE_FLAGS replaces those, '' for Node's defaults).
import 'reflect-metadata';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_JWT_SECRET, mintToken } from '@cx/platform';
import {
  createTestDatabase,
  freePort,
  SHARED_NATS_URL,
  SHARED_POSTGRES_URL,
  uniqueName,
  uniqueNamespace,
} from '@cx/testing';
import { Client } from 'pg';
import { mark } from '../support/cpu';
import { load, paced } from '../support/http-load';
import { deleteNamespaceStreams } from '../support/pipeline-db';
import { serverPids, settleWriteback } from '../support/proc';
import { TraceEvent } from '../support/request-trace';
import { ServerProcess } from '../support/server-process';
import { SERVICE_NODE_FLAGS } from '../support/service-flags';
import { sleep, summarize } from '../support/stats';
import { requestOf, Workload } from './workload';

const ENTRY = {
  ours: 'bench/complaints-intake/ours-process.ts',
  baseline: 'bench/complaints-intake/baseline/main.ts',
} as const;
const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const log = (line: string) => console.log(`[light-probe] ${line}`);

async function sql(url: string, q: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(q).finally(() => c.end());
}

async function main(): Promise<void> {
  const side = (process.env.BENCH_PROBE_SIDE ?? 'ours') as keyof typeof ENTRY;
  const rate = num('BENCH_PROBE_RATE', 100);
  const seconds = num('BENCH_PROBE_SECONDS', 20);
  const traceFile = join(tmpdir(), `light-probe-${process.pid}.json`);
  const db = await createTestDatabase(SHARED_POSTGRES_URL, `cx_bench_probe_${side}_`);
  const namespace = uniqueNamespace();
  // BENCH_PROBE_TRACE=0: no trace (it holds every statement's text, which skews an allocation profile's survivors).
  if (process.env.BENCH_PROBE_TRACE !== '0') process.env.BENCH_INTAKE_TRACE_FILE = traceFile;
  // The services' V8 flags (ADR 11), as the bench runs every server; BENCH_SERVICE_NODE_FLAGS='' for Node's defaults.
  const nodeArgs = [
    ...SERVICE_NODE_FLAGS,
    ...(process.env.BENCH_PROBE_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const port = await freePort();
  let server: ServerProcess | undefined;
  try {
    server = await ServerProcess.start(
      side,
      ENTRY[side],
      { port, databaseUrl: db.url, natsUrl: SHARED_NATS_URL, namespace, poolSize: 20 },
      nodeArgs,
    );
    const token = await mintToken({
      role: 'agent',
      sub: 'bench-agent',
      secret: DEV_JWT_SECRET,
      issuer: 'cx-platform',
      ttl: '2h',
    });
    const workload = new Workload(uniqueName('p'), {
      people: 1000,
      idempotentShare: num('BENCH_PROBE_IDEMPOTENT_SHARE', 0.5),
    });
    const target = {
      url: `http://127.0.0.1:${port}`,
      path: '/api/v1/complaints',
      next: () => requestOf(workload, token),
    };
    await sql(SHARED_POSTGRES_URL, 'CHECKPOINT');
    const warm = await load({ ...target, connections: 50, seconds: num('BENCH_PROBE_WARMUP_SECONDS', 10) });
    await sql(db.url, 'ANALYZE');
    await sleep(500);
    const loadSeconds = num('BENCH_PROBE_LOAD_SECONDS', 15);
    let answered = warm.responses;
    if (loadSeconds > 0)
      answered += (await load({ ...target, connections: 50, seconds: loadSeconds })).responses;
    const sent: [number, number][] = [];
    const pids = await serverPids(SHARED_POSTGRES_URL, SHARED_NATS_URL);
    const settled = await settleWriteback(); // as the bench does (ADR 53)
    log(
      `${side}: dirty page cache before the paced phase ${settled.beforeMb?.toFixed(0)} MB, written out to ${settled.afterMb?.toFixed(0)} MB`,
    );
    const before = mark(server.pid, pids, db.name);
    const light = await paced({
      ...target,
      connections: num('BENCH_PROBE_CONNECTIONS', 10),
      seconds,
      rate,
      onSample: (at, ms) => sent.push([at, ms]),
    });
    answered += light.responses;
    // CPU per request at this load (robust to other work on the machine, unlike the latencies): the
    // server process (its relay included) and Postgres (this database's sessions and its own processes).
    const after = mark(server.pid, pids, db.name);
    const perRequest = (a?: number, b?: number) =>
      a === undefined || b === undefined ? '?' : ((b - a) / light.responses).toFixed(3);
    log(
      `${side}: CPU per request in the paced phase: server ${perRequest(before.server, after.server)} ms, ` +
        `Postgres ${perRequest(before.postgres, after.postgres)} ms (${light.responses} answers)`,
    );
    await server.stop();
    log(`${side}: ${answered} requests answered in all phases`);
    // The baseline's trace has no per-request server time (Express, no hooks): statements, stalls and GC.
    const events = existsSync(traceFile) ? (JSON.parse(readFileSync(traceFile, 'utf8')) as TraceEvent[]) : [];
    report(side, sent, light.latency, events);
  } finally {
    await server?.stop();
    await db.drop();
    rmSync(traceFile, { force: true });
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace).catch(() => undefined);
  }
}

function report(
  side: string,
  sent: [number, number][],
  latency: ReturnType<typeof summarize>,
  events: TraceEvent[],
): void {
  const from = Math.min(...sent.map(([at]) => at));
  const to = Math.max(...sent.map(([at, ms]) => at + ms));
  const inPhase = events.filter((e) => e.at + e.ms >= from && e.at <= to);
  const of = (kind: TraceEvent['kind']) => inPhase.filter((e) => e.kind === kind);
  const fmt = (s: ReturnType<typeof summarize>) =>
    `p50 ${s.p50.toFixed(2)} ms, p90 ${s.p90.toFixed(2)}, p99 ${s.p99.toFixed(2)}, max ${s.max.toFixed(2)} (${s.count})`;
  log(`${side}: client latency ${fmt(latency)}`);
  if (of('http').length)
    log(`${side}: server's own time per request ${fmt(summarize(of('http').map((e) => e.ms)))}`);
  log(`${side}: statements ${fmt(summarize(of('pg').map((e) => e.ms)))}`);
  const started = (kind: TraceEvent['kind']) =>
    events.filter((e) => e.kind === kind && e.at >= from && e.at <= to);
  log(
    `${side}: per request in the paced phase: ${(started('pg').length / sent.length).toFixed(2)} statements (relay's included), ` +
      `${(started('pool').length / sent.length).toFixed(2)} pool checkouts`,
  );
  log(`${side}: pool waits ${fmt(summarize(of('pool').map((e) => e.ms)))}`);
  const stalls = of('stall');
  const gcs = of('gc');
  log(
    `${side}: event-loop stalls > 3 ms: ${stalls.length}, ${stalls.reduce((s, e) => s + e.ms, 0).toFixed(0)} ms in all, max ${Math.max(0, ...stalls.map((e) => e.ms)).toFixed(1)} ms; ` +
      `GC: ${gcs.length} pauses, ${gcs.reduce((s, e) => s + e.ms, 0).toFixed(0)} ms, max ${Math.max(0, ...gcs.map((e) => e.ms)).toFixed(1)} ms`,
  );
  // How much of the tail a collector explains: samples of the paced phase that overlap a GC pause.
  const overlapsGc = ([at, ms]: [number, number]) => gcs.some((e) => e.at < at + ms && e.at + e.ms > at);
  const slowest = [...sent].sort((a, b) => b[1] - a[1]).slice(0, Math.max(1, Math.ceil(sent.length / 100)));
  log(
    `${side}: GC in the paced phase: ${gcs.filter((e) => e.what === 'major').length} major, ` +
      `${gcs.filter((e) => e.what !== 'major').length} minor (p50 ${summarize(gcs.map((e) => e.ms)).p50.toFixed(1)} ms); ` +
      `samples overlapping a pause: ${sent.filter(overlapsGc).length} of ${sent.length}, ` +
      `of the slowest 1 %: ${slowest.filter(overlapsGc).length} of ${slowest.length}`,
  );
  lone(side, of('http'), of('pg'));
  // Statements by kind: which ones have a tail.
  const byWhat = new Map<string, number[]>();
  for (const e of of('pg')) {
    const key = (e.what ?? '?').slice(0, 40);
    byWhat.set(key, [...(byWhat.get(key) ?? []), e.ms]);
  }
  for (const [what, ms] of [...byWhat].sort((a, b) => b[1].length - a[1].length).slice(0, 14)) {
    const s = summarize(ms);
    log(
      `  ${String(ms.length).padStart(5)} x ${what.padEnd(40)} p50 ${s.p50.toFixed(2)} p99 ${s.p99.toFixed(2)} max ${s.max.toFixed(2)}`,
    );
  }
  log(`${side}: the slowest statements in the phase:`);
  for (const e of [...of('pg')].sort((a, b) => b.ms - a.ms).slice(0, 12))
    log(`  +${((e.at - from) / 1000).toFixed(2)} s ${e.ms.toFixed(1)} ms ${e.what ?? ''}`);
  const slow = [...sent].sort((a, b) => b[1] - a[1]).slice(0, Math.max(3, Math.ceil(sent.length / 100)));
  log(`${side}: the slowest ${slow.length} requests and what overlapped them (> 2 ms):`);
  for (const [at, ms] of slow) {
    const overlap = inPhase
      .filter((e) => e.at < at + ms && e.at + e.ms > at && e.ms > 2 && e.kind !== 'http')
      .map(
        (e) =>
          `${e.kind}${e.what ? ` ${e.what.slice(0, 30)}` : ''} +${(e.at - at).toFixed(0)} ${e.ms.toFixed(1)}ms`,
      );
    const own = of('http').find((e) => e.at >= at && e.at < at + ms);
    log(
      `  +${((at - from) / 1000).toFixed(2)} s: ${ms.toFixed(1)} ms (server ${own ? own.ms.toFixed(1) : '?'} ms): ${overlap.slice(0, 8).join('; ')}`,
    );
  }
}

/**
 * Where a lone request's time goes (one that overlapped no other): the server's own time cut at its
 * statements on the pool into JavaScript before, between and after them, each a median over the
 * requests that sent the same statements, so the database's part and ours can be told apart.
 */
function lone(side: string, http: TraceEvent[], pg: TraceEvent[]): void {
  const pooled = pg.filter((e) => e.session !== 'outbox-relay').sort((a, b) => a.at - b.at);
  const requests = [...http].sort((a, b) => a.at - b.at);
  // By sequence of segments: their labels, and each request's durations in that order.
  const shapes = new Map<string, { labels: string[]; all: number[][] }>();
  requests.forEach((h, i) => {
    const end = h.at + h.ms;
    const prev = requests[i - 1];
    const next = requests[i + 1];
    if ((prev && prev.at + prev.ms > h.at) || (next && next.at < end)) return;
    const own = pooled.filter((e) => e.at >= h.at && e.at + e.ms <= end);
    if (own.length === 0) return;
    const labels: string[] = [];
    const parts: number[] = [];
    let t = h.at;
    own.forEach((e, k) => {
      labels.push(k === 0 ? 'js before' : 'js', (e.what ?? '?').slice(0, 24));
      parts.push(e.at - t, e.ms);
      t = e.at + e.ms;
    });
    labels.push('js after');
    parts.push(end - t);
    const key = labels.join(' | ');
    const shape = shapes.get(key) ?? { labels, all: [] };
    shape.all.push(parts);
    shapes.set(key, shape);
  });
  const median = (xs: number[]) => summarize(xs).p50.toFixed(2);
  for (const { labels, all } of [...shapes.values()]
    .sort((a, b) => b.all.length - a.all.length)
    .slice(0, 3)) {
    if (all.length < 20) continue;
    const cells = labels.map((label, j) => `${label} ${median(all.map((p) => p[j]))}`);
    log(`${side}: ${all.length} lone requests, medians in ms: ${cells.join(', ')}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
