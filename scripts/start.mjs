#!/usr/bin/env node
// `npm start`: infrastructure, dependencies, build, migrations, then all five services and the leads'
// console as separate processes with their URLs printed. Ctrl-C (or SIGTERM) stops them cleanly and waits for them.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  build,
  CONSOLE,
  consoleEnv,
  databaseUrl,
  ensureDependencies,
  ensureInfra,
  portOf,
  root,
  run,
  SERVICE_NODE_FLAGS,
  SERVICES,
} from './lib.mjs';

const colors = [36, 35, 33, 32, 34, 31];
const paint = (i, s) => (process.stdout.isTTY ? `\x1b[${colors[i]}m${s}\x1b[0m` : s);

ensureInfra();
ensureDependencies();
build();

const envFor = (svc) => ({
  // Five services x (10 pooled + the relay's and listener's sessions) stay well under a stock
  // Postgres's max_connections of 100, with room for npm test beside them; the services' default of
  // 20 each did not (seeding then met "too many clients"). DATABASE_POOL_SIZE in the environment wins.
  DATABASE_POOL_SIZE: '10',
  // Survey links in invitations point at surveys' own port, also when PORT_OFFSET moves it.
  ...(svc.name === 'surveys' && { SURVEYS_PUBLIC_URL: `http://localhost:${portOf(svc)}` }),
  ...process.env,
  PORT: String(portOf(svc)),
  DATABASE_URL: databaseUrl(svc.name),
});

console.log('[setup] migrating');
for (const svc of SERVICES)
  run(process.execPath, [join(root, `services/${svc.name}/dist/migrate.js`)], { env: envFor(svc) });

/** Service logs are JSON lines; show them as `[service] level message` and keep anything else as is. */
function relay(stream, svc, i) {
  const tag = paint(i, `[${svc.name}]`.padEnd(13));
  createInterface({ input: stream }).on('line', (line) => {
    try {
      const j = JSON.parse(line);
      const extra = j.err?.message ? ` ${j.err.message}` : '';
      console.log(`${tag} ${String(j.level).padEnd(5)} ${j.context ? `${j.context}: ` : ''}${j.msg}${extra}`);
    } catch {
      console.log(`${tag} ${line}`);
    }
  });
}

// The five services, then the console's server (apps/console/server.mjs), which proxies to them.
const launches = [
  ...SERVICES.map((svc) => ({
    svc,
    args: [...SERVICE_NODE_FLAGS, join(root, `services/${svc.name}/dist/main.js`)],
    env: envFor(svc),
  })),
  { svc: CONSOLE, args: [join(root, 'apps/console/server.mjs')], env: consoleEnv() },
];

const children = launches.map(({ svc, args, env }, i) => {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: a terminal's Ctrl-C reaches only this script, which stops each service once.
    detached: true,
  });
  relay(child.stdout, svc, i);
  relay(child.stderr, svc, i);
  return {
    svc,
    child,
    exited: new Promise((r) => child.once('exit', (code, signal) => r({ code, signal }))),
  };
});

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping all services (SIGTERM, waiting for them to drain)');
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  const kill = setTimeout(() => {
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
  }, 20_000);
  await Promise.all(children.map((c) => c.exited));
  clearTimeout(kill);
  console.log('[start] all services stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
for (const { svc, exited } of children)
  void exited.then(({ code, signal }) => {
    if (!stopping) {
      console.error(`[start] ${svc.name} exited unexpectedly (${code ?? signal}); stopping the others`);
      void stopAll(1);
    }
  });

async function ready(svc) {
  const url = `http://127.0.0.1:${portOf(svc)}/health/ready`;
  for (let i = 0; i < 600; i++) {
    // A service that exited (its port taken, a bad setting) stops everything: never say READY then.
    if (stopping) throw new Error(`not all services came up`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${svc.name} not ready after 60 s`);
}

try {
  await Promise.all([...SERVICES, CONSOLE].map(ready));
  if (stopping) throw new Error('not all services came up');
} catch (e) {
  console.error(`[start] ${e.message}`);
  await stopAll(1);
  await new Promise(() => {}); // stopAll exits the process; nothing below may run
}
console.log('\n[start] all five services and the console are up:');
for (const svc of SERVICES) {
  const base = `http://localhost:${portOf(svc)}`;
  console.log(
    `  ${svc.name.padEnd(11)} ${base}/api/v1   docs ${base}/docs   health ${base}/health/ready   metrics ${base}/metrics`,
  );
}
console.log(
  `  ${'console'.padEnd(11)} http://localhost:${portOf(CONSOLE)}   (the leads' console; development sign-in: pick a role)`,
);
console.log(
  '\n  A token for the APIs: npm run token -- --role agent   (roles: system agent technician auditor lead admin)',
);
console.log('  Ctrl-C stops everything.\n');
console.log('READY');
