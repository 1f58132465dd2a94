// apps/console/server.mjs as a process: the proxy maps /api/<service>/... onto the service's /api/...
// (method, body and bearer passed through, answers streamed back), app routes get index.html,
// /config.json tells the sign-in mode, and development tokens exist only in development mode.
import { freePort, waitFor } from '@cx/testing';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';

const ROOT = join(__dirname, '../..');
const SERVER = join(ROOT, 'apps/console/server.mjs');
const SERVICES = ['crm', 'complaints', 'aftersales', 'surveys', 'training'];

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** A stand-in upstream that records each request and answers with what it saw. */
async function recordingUpstream(): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end(JSON.stringify({ echoed: req.url }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('apps/console/server.mjs', () => {
  let dist: string;
  let upstream: Awaited<ReturnType<typeof recordingUpstream>>;
  const children: ChildProcess[] = [];

  const upstreamEnv = () =>
    Object.fromEntries(SERVICES.map((s) => [`CONSOLE_UPSTREAM_${s.toUpperCase()}`, upstream.url]));

  async function start(env: Record<string, string>): Promise<string> {
    const port = await freePort();
    const child = spawn(process.execPath, [SERVER], {
      env: {
        PATH: process.env.PATH,
        ...upstreamEnv(),
        CONSOLE_DIST: dist,
        CONSOLE_PORT: String(port),
        ...env,
      },
      stdio: 'ignore',
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok,
      10_000,
      'the server',
    );
    return url;
  }

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'cx-console-server-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(join(dist, 'assets/app-1.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);
    upstream = await recordingUpstream();
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => upstream.server.close(r));
    await rm(dist, { recursive: true, force: true });
  });

  it('proxies /api/<service>/... to the service with method, body and bearer, and streams the answer back', async () => {
    const url = await start({ CONSOLE_AUTH: 'dev' });
    const res = await fetch(`${url}/api/complaints/v1/admin/analytics/kpis?from=2026-11-01`, {
      method: 'POST',
      headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-upstream')).toBe('yes');
    expect(await res.json()).toEqual({ echoed: '/api/v1/admin/analytics/kpis?from=2026-11-01' });
    expect(upstream.seen.at(-1)).toEqual({
      method: 'POST',
      url: '/api/v1/admin/analytics/kpis?from=2026-11-01',
      authorization: 'Bearer abc',
      body: '{"x":1}',
    });
    const unknown = await fetch(`${url}/api/billing/v1/x`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
  });

  it('serves the files gzipped with a CSP, index.html for app routes, and 404 for a missing asset', async () => {
    const url = await start({ CONSOLE_AUTH: 'dev' });
    const asset = await fetch(`${url}/assets/app-1.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await asset.text()).length).toBeGreaterThan(2000); // fetch decodes it
    const route = await fetch(`${url}/complaints?from=2026-11-01`);
    expect(await route.text()).toContain('<title>console</title>');
    expect(route.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${url}/assets/gone-2.js`)).status).toBe(404);
    expect((await fetch(`${url}/..%2f..%2fetc%2fpasswd`)).headers.get('content-type')).toContain('text/html');
  });

  it('development mode: /config.json says dev and /dev/token mints a lead token, naming a bad field', async () => {
    const url = await start({ CONSOLE_AUTH: 'dev' });
    expect(await (await fetch(`${url}/config.json`)).json()).toEqual({ auth: { mode: 'dev' } });
    const minted = await fetch(`${url}/dev/token`, {
      method: 'POST',
      body: JSON.stringify({ role: 'lead', dept: 'crm', storeId: 'SH-001' }),
    });
    const claims = decodeJwt(((await minted.json()) as { token: string }).token);
    expect(claims).toMatchObject({ role: 'lead', dept: 'crm', storeId: 'SH-001', iss: 'cx-platform' });
    const bad = await fetch(`${url}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'lead' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0].field).toBe('dept');
  });

  it('OIDC mode: /config.json names the issuer and client, /dev/token does not exist', async () => {
    const url = await start({
      CONSOLE_OIDC_ISSUER: 'https://idp.example.com/realms/cx',
      CONSOLE_OIDC_CLIENT_ID: 'cx-console',
    });
    expect(await (await fetch(`${url}/config.json`)).json()).toEqual({
      auth: {
        mode: 'oidc',
        issuer: 'https://idp.example.com/realms/cx',
        clientId: 'cx-console',
        scope: 'openid profile',
      },
    });
    const res = await fetch(`${url}/dev/token`, { method: 'POST', body: '{"role":"admin"}' });
    expect(res.status).toBe(404);
  });

  it('refuses development sign-in with NODE_ENV=production or a short JWT_SECRET, and starts without a sign-in mode not at all', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [SERVER], {
        env: { PATH: process.env.PATH, ...upstreamEnv(), CONSOLE_DIST: dist, CONSOLE_PORT: '0', ...env },
        encoding: 'utf8',
        timeout: 10_000,
      });
    const production = run({ CONSOLE_AUTH: 'dev', NODE_ENV: 'production' });
    expect(production.status).toBe(2);
    expect(production.stderr).toMatch(/CONSOLE_AUTH=dev is refused with NODE_ENV=production/);
    const none = run({});
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/CONSOLE_OIDC_ISSUER/);
    // A secret the services would refuse is a start-up error, not a 400 on every sign-in.
    const shortSecret = run({ CONSOLE_AUTH: 'dev', JWT_SECRET: 'too-short' });
    expect(shortSecret.status).toBe(2);
    expect(shortSecret.stderr).toMatch(/JWT_SECRET must be at least 32 characters/);
  });
});
