#!/usr/bin/env node
// `npm test`: makes sure Postgres, NATS and the dependencies are there, then runs every test with Jest.
// Extra arguments go to Jest: `npm test -- libs/platform`.
import { join } from 'node:path';
import { ensureDependencies, ensureInfra, root, run } from './lib.mjs';

ensureInfra();
ensureDependencies();
run(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), ...process.argv.slice(2)]);
