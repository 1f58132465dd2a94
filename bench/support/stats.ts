// Small helpers shared by the benchmarks: a clock that agrees across processes, percentiles, pacing,
// and the comparison table every bench prints.
import { cpus, totalmem } from 'node:os';

/**
 * Wall-clock milliseconds with sub-millisecond resolution. `performance.timeOrigin` is taken from the
 * system clock when the process starts, so two processes on one machine agree to well under 0.1 ms;
 * that lets a producer process and a consumer process time the same event.
 */
export const wallMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a list of millisecond samples. */
export function summarize(samples: number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const s = Float64Array.from(samples).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  let sum = 0;
  for (const v of s) sum += v;
  return {
    count: s.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: s[s.length - 1],
    mean: sum / s.length,
  };
}

/**
 * Offers `total` operations at `perSecond`, open loop: operation i starts at start + i / rate whether or
 * not earlier ones have finished (at most `maxOutstanding` at once, so a stall cannot pile up without
 * bound). Returns the achieved start rate.
 */
export async function paced(
  total: number,
  perSecond: number,
  op: (i: number) => Promise<void>,
  maxOutstanding = 64,
): Promise<{ offeredPerSecond: number; seconds: number }> {
  const start = wallMs();
  const interval = 1000 / perSecond;
  const inFlight = new Set<Promise<void>>();
  let errors = 0;
  let firstError: unknown;
  for (let i = 0; i < total;) {
    const due = Math.min(total, Math.floor((wallMs() - start) / interval) + 1);
    while (i < due && inFlight.size < maxOutstanding) {
      const p: Promise<void> = op(i++)
        .catch((e: unknown) => {
          errors++;
          firstError ??= e;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    if (i < total) await sleep(Math.max(0, start + i * interval - wallMs()));
  }
  await Promise.all(inFlight);
  if (errors) throw new Error(`${errors} paced operations failed; first: ${String(firstError)}`);
  const seconds = (wallMs() - start) / 1000;
  return { offeredPerSecond: total / seconds, seconds };
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** One line of a bench report: a figure, what it is compared with, and its target. */
export interface Row {
  key: string;
  label: string;
  unit: 'ev/s' | 'ms';
  value: number;
  /** The raw-transport figure this one sits on top of (the floor or ceiling it cannot beat). */
  floor?: number;
  /** Pass condition, if this figure has a target. */
  target?: { op: '>=' | '<='; value: number };
}

export type Verdict = 'PASS' | 'MISS' | '';

export function verdict(row: Row): Verdict {
  if (!row.target || !Number.isFinite(row.value)) return '';
  return (row.target.op === '>=' ? row.value >= row.target.value : row.value <= row.target.value)
    ? 'PASS'
    : 'MISS';
}

const fmt = (v: number | undefined, unit: Row['unit']) =>
  v === undefined || !Number.isFinite(v)
    ? '-'
    : unit === 'ev/s'
      ? Math.round(v).toLocaleString('en-US')
      : v.toFixed(2);

/** Change against the committed reference, with the direction that counts as better. */
function delta(row: Row, reference: number | undefined): string {
  if (
    reference === undefined ||
    !Number.isFinite(reference) ||
    reference === 0 ||
    !Number.isFinite(row.value)
  )
    return '-';
  const pct = ((row.value - reference) / reference) * 100;
  const better = row.unit === 'ev/s' ? pct > 0 : pct < 0;
  const sign = pct >= 0 ? '+' : '';
  return `${sign}${pct.toFixed(1)}%${Math.abs(pct) >= 10 ? (better ? ' (better)' : ' (worse)') : ''}`;
}

/** A plain-text table: figure | unit | this run | raw NATS | target | result | reference | delta. */
export function table(rows: Row[], reference: Record<string, number> = {}): string {
  const head = ['figure', 'unit', 'this run', 'raw NATS', 'target', 'result', 'reference', 'delta vs ref'];
  const body = rows.map((r) => [
    r.label,
    r.unit,
    fmt(r.value, r.unit),
    fmt(r.floor, r.unit),
    r.target ? `${r.target.op} ${fmt(r.target.value, r.unit)}` : '-',
    verdict(r) || '-',
    fmt(reference[r.key], r.unit),
    delta(r, reference[r.key]),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
