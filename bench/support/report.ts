// The side-by-side table the HTTP benches print (complaints intake, crm): ours beside the baseline
// and/or the floor measured in the same run, their ratios, the target, and the change against the
// committed reference of this machine. A column appears only when some line has a figure for it.

export type Unit = 'req/s' | 'ms' | 'count' | 'purchases/s' | '%';

export interface Line {
  key: string;
  label: string;
  unit: Unit;
  ours: number;
  baseline?: number;
  floor?: number;
  /** What is checked, as text, and whether it passed ('' when the line has no target). */
  target?: string;
  pass?: boolean;
}

export interface ReferenceFigures {
  ours?: Record<string, number>;
  baseline?: Record<string, number>;
  floor?: Record<string, number>;
}

/** Units where more is better (throughputs, shares); for the others (latencies) less is. */
const higherIsBetter = (unit: Unit) => unit === 'req/s' || unit === 'purchases/s' || unit === '%';

const fmt = (v: number | undefined, unit: Unit): string => {
  if (v === undefined || !Number.isFinite(v)) return '-';
  if (unit === 'ms') return v.toFixed(2);
  if (unit === '%') return `${v.toFixed(0)} %`;
  return Math.round(v).toLocaleString('en-US');
};

/** ours / baseline; for latencies below 1 the baseline is slower, for requests above 1 ours is faster. */
export const ratio = (ours: number, baseline: number | undefined): number =>
  baseline === undefined || baseline === 0 ? NaN : ours / baseline;

function delta(value: number, reference: number | undefined, unit: Unit): string {
  if (reference === undefined || !Number.isFinite(reference) || !Number.isFinite(value)) return '-';
  if (unit === 'count')
    return value === reference ? '=' : `${value - reference >= 0 ? '+' : ''}${Math.round(value - reference)}`;
  if (reference === 0) return '-';
  const pct = ((value - reference) / reference) * 100;
  const better = higherIsBetter(unit) ? pct > 0 : pct < 0;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%${Math.abs(pct) >= 10 ? (better ? ' (better)' : ' (worse)') : ''}`;
}

const ratioCell = (l: Line, other: number | undefined): string => {
  const r = ratio(l.ours, other);
  return l.unit === 'count' || l.unit === '%' || !Number.isFinite(r) ? '-' : `${r.toFixed(2)}x`;
};

export function table(lines: Line[], reference: ReferenceFigures): string {
  const withBaseline = lines.some((l) => l.baseline !== undefined);
  const withFloor = lines.some((l) => l.floor !== undefined);
  const head = [
    'figure',
    'unit',
    'ours',
    ...(withBaseline ? ['baseline', 'ours/baseline'] : []),
    ...(withFloor ? ['floor', 'ours/floor'] : []),
    'target',
    'result',
    'ref ours',
    'delta ours',
    ...(withBaseline ? ['ref baseline', 'delta baseline'] : []),
  ];
  const body = lines.map((l) => [
    l.label,
    l.unit,
    fmt(l.ours, l.unit),
    ...(withBaseline ? [fmt(l.baseline, l.unit), ratioCell(l, l.baseline)] : []),
    ...(withFloor ? [fmt(l.floor, l.unit), ratioCell(l, l.floor)] : []),
    l.target ?? '-',
    l.pass === undefined ? '-' : l.pass ? 'PASS' : 'MISS',
    fmt(reference.ours?.[l.key], l.unit),
    delta(l.ours, reference.ours?.[l.key], l.unit),
    ...(withBaseline
      ? [
          fmt(reference.baseline?.[l.key], l.unit),
          l.baseline === undefined ? '-' : delta(l.baseline, reference.baseline?.[l.key], l.unit),
        ]
      : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [row(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(row)].join('\n');
}
