// What the lookup benches (crm customer lookup, aftersales warranty lookup) share: one side (ours, or the
// floor: the same route answering a constant) warmed up then measured under HTTP load with its CPU split,
// and the report lines and figures comparing the two sides.
import { CpuMeter, Server, startServer } from '../crm/common';
import type { CpuShare } from './cpu';
import { load, LoadOptions, LoadResult } from './http-load';
import type { Line } from './report';
import { sleep } from './stats';

export type Side = 'ours' | 'floor';

/**
 * Starts `entry` (a service-process with a 'lookup-floor' variant), lets `prepare` fill its database,
 * measures it, then starts the floor variant on the same database and measures that.
 */
export async function oursThenFloor<R>(
  name: string,
  entry: string,
  cleanups: (() => Promise<void>)[],
  prepare: (ours: Server) => Promise<void>,
  measure: (side: Side, server: Server) => Promise<R>,
): Promise<{ o: R; f: R }> {
  const ours = await startServer(name, entry, cleanups);
  await prepare(ours);
  const o = await measure('ours', ours);
  await ours.stop();
  // The same service on the same database, its lookup answering a constant.
  const floor = await startServer(`${name} (lookup floor)`, entry, cleanups, {
    variant: 'lookup-floor',
    database: { url: ours.databaseUrl, name: ours.databaseName },
  });
  const f = await measure('floor', floor);
  await floor.dispose();
  await ours.dispose();
  return { o, f };
}

export interface LoadShape {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/**
 * Warms `server` up, then measures it for `shape.seconds`. `beforeMeasure` runs between the two, e.g. to
 * count rows written so far, so that the warm-up's are not counted.
 */
export async function warmThenMeasure(
  side: Side,
  server: Server,
  target: Omit<LoadOptions, 'connections' | 'seconds'>,
  shape: LoadShape,
  meter: CpuMeter,
  log: (line: string) => void,
  beforeMeasure?: () => Promise<void>,
): Promise<{ measured: LoadResult; cpu: CpuShare }> {
  log(`${side}: warm-up ${shape.warmupSeconds} s`);
  const warmup = await load({ ...target, connections: shape.connections, seconds: shape.warmupSeconds });
  await sleep(500);
  await beforeMeasure?.();
  const [measured, cpu] = await meter.during(server, () =>
    load({ ...target, connections: shape.connections, seconds: shape.seconds }),
  );
  log(
    `${side}: ${Math.round(measured.requestsPerSecond)} req/s, p50 ${measured.latency.p50.toFixed(2)} ms, ` +
      `p99 ${measured.latency.p99.toFixed(2)} ms, non-2xx ${measured.non2xx}, errors ${measured.errors}`,
  );
  for (const s of [...warmup.errorSamples, ...measured.errorSamples].slice(0, 3))
    log(`${side}: answer: ${s}`);
  return { measured, cpu };
}

/** Requests/s, ours as a share of the floor's (the target), latencies and errors of both sides. */
export function lookupLines(ours: LoadResult, floor: LoadResult, targetShare: number): Line[] {
  const share = ours.requestsPerSecond / floor.requestsPerSecond;
  return [
    {
      key: 'requestsPerSecond',
      label: 'requests/s (2xx)',
      unit: 'req/s',
      ours: ours.requestsPerSecond,
      floor: floor.requestsPerSecond,
    },
    {
      key: 'floorSharePct',
      label: 'ours / floor',
      unit: '%',
      ours: share * 100,
      target: `>= ${targetShare * 100} %`,
      pass: share >= targetShare,
    },
    { key: 'p50Ms', label: 'latency p50', unit: 'ms', ours: ours.latency.p50, floor: floor.latency.p50 },
    { key: 'p99Ms', label: 'latency p99', unit: 'ms', ours: ours.latency.p99, floor: floor.latency.p99 },
    {
      key: 'errors',
      label: 'errors + non-2xx',
      unit: 'count',
      ours: ours.non2xx + ours.errors,
      floor: floor.non2xx + floor.errors,
    },
  ];
}

/** The figures of one side, as the result file and bench/baseline.json keep them. */
export const lookupFigures = (r: LoadResult) => ({
  requestsPerSecond: r.requestsPerSecond,
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  errors: r.non2xx + r.errors,
});

/** A load result without the ids it created (a lookup creates none worth keeping). */
export const withoutIds = ({ createdIds: _ids, ...rest }: LoadResult) => rest;
