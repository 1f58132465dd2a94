// The side-by-side table the intake bench prints: ours beside the baseline measured in the same run,
// their ratio, the target, and the change against the committed reference of this machine.

export type Unit = 'req/s' | 'ms' | 'count';

export interface Line {
  key: string;
  label: string;
  unit: Unit;
  ours: number;
  baseline: number;
  /** What is checked, as text, and whether it passed ('' when the line has no target). */
  target?: string;
  pass?: boolean;
}

export interface ReferenceFigures {
  ours?: Record<string, number>;
  baseline?: Record<string, number>;
}

const fmt = (v: number | undefined, unit: Unit): string => {
  if (v === undefined || !Number.isFinite(v)) return '-';
  if (unit === 'ms') return v.toFixed(2);
  return Math.round(v).toLocaleString('en-US');
};

/** ours / baseline; for latencies below 1 the baseline is slower, for requests above 1 ours is faster. */
export const ratio = (ours: number, baseline: number): number => (baseline === 0 ? NaN : ours / baseline);

function delta(value: number, reference: number | undefined, unit: Unit): string {
  if (reference === undefined || !Number.isFinite(reference) || !Number.isFinite(value)) return '-';
  if (unit === 'count')
    return value === reference ? '=' : `${value - reference >= 0 ? '+' : ''}${Math.round(value - reference)}`;
  if (reference === 0) return '-';
  const pct = ((value - reference) / reference) * 100;
  const better = unit === 'req/s' ? pct > 0 : pct < 0;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%${Math.abs(pct) >= 10 ? (better ? ' (better)' : ' (worse)') : ''}`;
}

export function table(lines: Line[], reference: ReferenceFigures): string {
  const head = [
    'figure',
    'unit',
    'ours',
    'baseline',
    'ours/baseline',
    'target',
    'result',
    'ref ours',
    'delta ours',
    'ref baseline',
    'delta baseline',
  ];
  const body = lines.map((l) => {
    const r = ratio(l.ours, l.baseline);
    return [
      l.label,
      l.unit,
      fmt(l.ours, l.unit),
      fmt(l.baseline, l.unit),
      l.unit === 'count' || !Number.isFinite(r) ? '-' : `${r.toFixed(2)}x`,
      l.target ?? '-',
      l.pass === undefined ? '-' : l.pass ? 'PASS' : 'MISS',
      fmt(reference.ours?.[l.key], l.unit),
      delta(l.ours, reference.ours?.[l.key], l.unit),
      fmt(reference.baseline?.[l.key], l.unit),
      delta(l.baseline, reference.baseline?.[l.key], l.unit),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [row(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(row)].join('\n');
}
