#!/usr/bin/env node
// `npm run migrate`: build, then create (if needed) and migrate every service's database.
import { join } from 'node:path';
import { build, databaseUrl, ensureDependencies, root, run, SERVICES } from './lib.mjs';

ensureDependencies();
build();
for (const svc of SERVICES)
  run(process.execPath, [join(root, `services/${svc.name}/dist/migrate.js`)], {
    env: { ...process.env, DATABASE_URL: databaseUrl(svc.name) },
  });
