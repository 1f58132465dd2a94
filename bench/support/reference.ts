// bench/baseline.json: the committed reference figures of every bench, measured on a known machine.
// A bench prints its delta against its entry; BENCH_WRITE_BASELINE=1 makes a run its new reference.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '../..');
const BASELINE_FILE = join(ROOT, 'bench/baseline.json');

export interface ReferenceEntry {
  measuredAt: string;
  /** Where and on what: cores, CPU, servers, commit. Compare like with like. */
  machine: Record<string, unknown>;
  code?: Record<string, unknown>;
  config?: Record<string, unknown>;
  figures: Record<string, number>;
  notes?: string;
}

interface BaselineFile {
  description: string;
  benches: Record<string, ReferenceEntry>;
}

function load(): BaselineFile {
  if (!existsSync(BASELINE_FILE)) return { description: '', benches: {} };
  return JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as BaselineFile;
}

export function readReference(bench: string): ReferenceEntry | undefined {
  return load().benches[bench];
}

export function writeReference(bench: string, entry: ReferenceEntry): void {
  const file = load();
  file.description ||=
    'Reference figures per bench (see docs/benchmarks.md). Rewrite an entry with BENCH_WRITE_BASELINE=1 on a quiet machine.';
  file.benches[bench] = { ...entry, notes: entry.notes ?? file.benches[bench]?.notes };
  writeFileSync(BASELINE_FILE, `${JSON.stringify(file, null, 2)}\n`);
}

/** Writes bench/results/<bench>.json (git-ignored) and returns its path relative to the repository. */
export function writeResult(bench: string, result: unknown): string {
  const file = join(ROOT, 'bench/results', `${bench}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file.slice(ROOT.length + 1);
}
