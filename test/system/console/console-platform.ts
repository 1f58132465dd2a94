// The platform as a lead sees it through the console: the five services as processes (ProcessPlatform,
// as npm start runs them), filled by scripts/seed.mjs (the code behind `npm run seed`), and the console
// server (apps/console/server.mjs, built with Vite) in front of them on a free port, in development
// sign-in mode. Used by the browser tests and the first-chart bench.
import { freePort, PLATFORM_SERVICES, ProcessPlatform, waitFor } from '@cx/testing';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../..');
const run = promisify(execFile);

export interface ConsolePlatform {
  platform: ProcessPlatform;
  /** The console's origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Seconds the seed took. */
  seedSeconds: number;
  stop(): Promise<void>;
}

/** `vite build` of the console into `outDir` (CONSOLE_NO_CHARTS=1: the same pages without ECharts). */
export async function buildConsole(outDir: string, env: Record<string, string> = {}): Promise<void> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  await run(
    process.execPath,
    [vite, 'build', '--logLevel', 'warn', '-c', join(ROOT, 'apps/console/vite.config.mjs')],
    {
      cwd: ROOT,
      // NODE_ENV: Jest sets it to `test`, which would make Vite bundle React's and antd's development builds.
      env: { ...process.env, NODE_ENV: 'production', CONSOLE_OUT_DIR: outDir, ...env },
    },
  );
}

/** Starts the console server on `dist` against the platform's services (default: development sign-in). */
export async function startConsoleServer(
  platform: ProcessPlatform,
  dist: string,
  env: Record<string, string> = { CONSOLE_AUTH: 'dev' },
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const upstreams = Object.fromEntries(
    PLATFORM_SERVICES.map((s) => [`CONSOLE_UPSTREAM_${s.toUpperCase()}`, platform.url(s)]),
  );
  const child = spawn(process.execPath, [join(ROOT, 'apps/console/server.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...upstreams,
      ...env,
      CONSOLE_PORT: String(port),
      CONSOLE_DIST: dist,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok === true,
    20_000,
    'the console server',
  );
  return { url, child };
}

/** Platform, seed (`--size small|demo`), console build and server. */
export async function startConsolePlatform(opts: {
  size: 'small' | 'demo';
  dist: string;
}): Promise<ConsolePlatform> {
  const platform = await ProcessPlatform.start();
  let child: ChildProcess | undefined;
  try {
    const urls = Object.fromEntries(
      PLATFORM_SERVICES.map((s) => [`${s.toUpperCase()}_URL`, platform.url(s)]),
    );
    const started = Date.now();
    await Promise.all([
      run(process.execPath, [join(ROOT, 'scripts/seed.mjs'), '--size', opts.size], {
        cwd: ROOT,
        env: { ...process.env, ...urls },
        maxBuffer: 64 << 20,
      }),
      buildConsole(opts.dist),
    ]);
    const seedSeconds = (Date.now() - started) / 1000;
    const server = await startConsoleServer(platform, opts.dist);
    child = server.child;
    return {
      platform,
      url: server.url,
      seedSeconds,
      stop: async () => {
        child?.kill('SIGTERM');
        await platform.stop();
      },
    };
  } catch (e) {
    child?.kill('SIGTERM');
    await platform.stop();
    throw e;
  }
}
