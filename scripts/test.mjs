#!/usr/bin/env node
// `npm test`: makes sure Postgres, NATS and the dependencies are there, then runs every test with Jest:
// the projects unit, integration and system of jest.config.js. Extra arguments go to Jest:
// `npm test -- libs/platform`, `npm test -- --selectProjects unit` (no Postgres or NATS needed).
import { join } from 'node:path';
import { ensureDependencies, ensureInfra, root, run } from './lib.mjs';

const args = process.argv.slice(2);
if (!onlyUnit(args)) ensureInfra({ forTests: true });
ensureDependencies();
run(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), ...args]);

/** True when the arguments select the unit project alone (`--selectProjects unit` or `--selectProjects=unit`). */
function onlyUnit(argv) {
  const at = argv.findIndex((a) => a === '--selectProjects' || a.startsWith('--selectProjects='));
  if (at < 0) return false;
  const [, inline] = argv[at].split('=');
  const rest = argv.slice(at + 1);
  const end = rest.findIndex((a) => a.startsWith('-'));
  const names = inline !== undefined ? [inline] : rest.slice(0, end < 0 ? rest.length : end);
  return names.length > 0 && names.every((n) => n === 'unit');
}
