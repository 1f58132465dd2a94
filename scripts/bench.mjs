#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn, each in its own node process with the TypeScript
// register hook, and shows its output as it comes. Benchmarks report, they do not gate: a missed target
// still exits 0. The exit code is non-zero only when a bench crashes (exits non-zero or by a signal).
//
//   npm run bench                      every bench
//   npm run bench -- event-pipeline    only the benches whose file name contains one of the words
//
// Each bench writes its figures to bench/results/<name>.json (git-ignored) and compares them with the
// reference in bench/baseline.json. See docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_SERVICE_NODE_FLAGS replaces the services' V8 flags for an experiment ('' = Node's defaults).
const benchNodeFlags =
  process.env.BENCH_SERVICE_NODE_FLAGS !== undefined
    ? process.env.BENCH_SERVICE_NODE_FLAGS.split(' ').filter(Boolean)
    : SERVICE_NODE_FLAGS;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));

const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

if (benches.length === 0) {
  console.error(`[bench] no bench/*.bench.ts matches ${filters.join(', ') || '(any)'}`);
  process.exit(1);
}

/** The benches need the local Postgres and NATS: say so plainly instead of letting each bench crash on it. */
function reachable(url, fallbackPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = createConnection({ host: u.hostname, port: Number(u.port || fallbackPort) });
    s.setTimeout(2_000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(false));
  });
}
const postgres = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const nats = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const missing = [];
if (!(await reachable(postgres, 5432))) missing.push(`Postgres (${new URL(postgres).host})`);
if (!(await reachable(nats, 4222))) missing.push(`NATS (${new URL(nats).host})`);
if (missing.length) {
  console.error(`[bench] not reachable: ${missing.join(', ')}. Start them with \`npm run infra\`.`);
  process.exit(1);
}

function runBench(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      // With the services' V8 flags: a bench process stands in for a service (the pipeline's producer).
      [...benchNodeFlags, '-r', join(root, 'libs/testing/register.cjs'), join(root, 'bench', file)],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    // Ctrl-C reaches the bench too (same process group); it cleans up its databases and streams itself.
    child.once('exit', (code, signal) =>
      resolve({ file, code, signal, seconds: (Date.now() - started) / 1000 }),
    );
    child.once('error', (e) =>
      resolve({ file, code: null, signal: null, error: e.message, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

const outcomes = [];
for (const file of benches) {
  console.log(`\n[bench] ===== ${file} =====`);
  outcomes.push(await runBench(file));
}

console.log('\n[bench] summary');
for (const o of outcomes) {
  const status =
    o.code === 0 ? 'ok' : `CRASHED (${o.error ?? (o.signal ? `signal ${o.signal}` : `exit ${o.code}`)})`;
  console.log(`[bench]   ${o.file.padEnd(32)} ${status.padEnd(24)} ${o.seconds.toFixed(0)} s`);
}
console.log('[bench] targets are reported above (PASS/MISS); a missed target does not fail this command.');
process.exit(outcomes.every((o) => o.code === 0) ? 0 : 1);
