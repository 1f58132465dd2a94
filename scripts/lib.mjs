// Shared by the root scripts (start, test, migrate): node built-ins only, so they run before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The V8 flags every service process runs with (infra/service-node-flags.json, docs/adr/0011). */
export const SERVICE_NODE_FLAGS = JSON.parse(
  readFileSync(join(root, 'infra/service-node-flags.json'), 'utf8'),
).flags;

export const SERVICES = [
  { name: 'crm', port: 3001 },
  { name: 'complaints', port: 3002 },
  { name: 'aftersales', port: 3003 },
  { name: 'surveys', port: 3004 },
  { name: 'training', port: 3005 },
];

/** The leads' console (apps/console): its server proxies to the five services (docs/console.md). */
export const CONSOLE = { name: 'console', port: 3000 };

/** The console server's environment: where the five services are (PORT_OFFSET honoured), dev sign-in. */
export function consoleEnv(env = process.env) {
  const upstreams = Object.fromEntries(
    SERVICES.map((svc) => [
      `CONSOLE_UPSTREAM_${svc.name.toUpperCase()}`,
      `http://127.0.0.1:${portOf(svc, env)}`,
    ]),
  );
  return {
    ...upstreams,
    // Development sign-in unless an identity provider is configured.
    ...(!env.CONSOLE_OIDC_ISSUER && { CONSOLE_AUTH: 'dev' }),
    ...env,
    CONSOLE_PORT: String(portOf(CONSOLE, env)),
  };
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/** Postgres and NATS running, the five databases there (installs Debian packages when missing). */
export function ensureInfra({ forTests = false } = {}) {
  run('bash', [join(root, 'infra/local/ensure-infra.sh'), ...(forTests ? ['--for-tests'] : [])]);
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
    console.log('[setup] installing dependencies from the lockfile');
    // npm install (not ci): ci refuses lockfiles that lack other platforms' optional builds, which some
    // registry mirrors do not serve; install still follows the lockfile.
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
}

export function build() {
  console.log('[setup] compiling (tsc -b)');
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json']);
  buildConsole();
}

/** The console's static files (apps/console/dist) with Vite. */
function buildConsole() {
  console.log('[setup] building the console (vite)');
  run(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'warn',
      '-c',
      join(root, 'apps/console/vite.config.mjs'),
    ],
    { env: { ...process.env, NODE_ENV: 'production' } },
  );
}

/** The database URL of a service: <SERVICE>_DATABASE_URL, else DATABASE_URL_TEMPLATE with {service}, else local. */
export function databaseUrl(name, env = process.env) {
  const own = env[`${name.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const template = env.DATABASE_URL_TEMPLATE ?? 'postgres://postgres@127.0.0.1:5432/{service}';
  return template.replaceAll('{service}', name);
}

export function portOf(service, env = process.env) {
  return Number(env[`${service.name.toUpperCase()}_PORT`] ?? service.port + Number(env.PORT_OFFSET ?? 0));
}
