#!/usr/bin/env node
// The console's server: plain ESM on Node's built-ins, no build step (docs/console.md, ADR 0039).
//  - serves the built SPA (apps/console/dist; gzip when the browser takes it; index.html for app routes),
//  - proxies /api/<service>/... to <service>'s /api/..., so the browser talks to one origin and no
//    service needs CORS (the bearer token passes through; the services verify it),
//  - /config.json tells the SPA how to sign in: OpenID Connect (CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID)
//    or development tokens (CONSOLE_AUTH=dev, refused when NODE_ENV=production),
//  - POST /dev/token mints a development token, only in development mode,
//  - /health/ready for probes.
// Environment: CONSOLE_PORT (default 3000), CONSOLE_UPSTREAM_<SERVICE> (the five services' base URLs,
// required), CONSOLE_DIST (default ./dist next to this file).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const CONSOLE_SERVICES = ['crm', 'complaints', 'aftersales', 'surveys', 'training'];
const HERE = dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
// Hop-by-hop headers (RFC 9110 7.6.1) are the proxy's own, never forwarded.
const HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/** The server's settings from the environment; throws naming what is missing or not allowed. */
export function consoleSettings(env = process.env) {
  const upstreams = {};
  for (const service of CONSOLE_SERVICES) {
    const url = env[`CONSOLE_UPSTREAM_${service.toUpperCase()}`];
    if (!url)
      throw new Error(`CONSOLE_UPSTREAM_${service.toUpperCase()} is required (the ${service} service's URL)`);
    upstreams[service] = new URL(url);
  }
  let auth;
  if (env.CONSOLE_OIDC_ISSUER) {
    if (!env.CONSOLE_OIDC_CLIENT_ID)
      throw new Error('CONSOLE_OIDC_CLIENT_ID is required with CONSOLE_OIDC_ISSUER');
    auth = {
      mode: 'oidc',
      issuer: env.CONSOLE_OIDC_ISSUER,
      clientId: env.CONSOLE_OIDC_CLIENT_ID,
      scope: env.CONSOLE_OIDC_SCOPE || 'openid profile',
      ...(env.CONSOLE_OIDC_AUDIENCE && { audience: env.CONSOLE_OIDC_AUDIENCE }),
    };
  } else if (env.CONSOLE_AUTH === 'dev') {
    if (env.NODE_ENV === 'production')
      throw new Error('CONSOLE_AUTH=dev is refused with NODE_ENV=production: configure CONSOLE_OIDC_ISSUER');
    // The services refuse a shorter secret too: a token signed with it would be rejected everywhere.
    if (env.JWT_SECRET && env.JWT_SECRET.length < 32)
      throw new Error(
        'JWT_SECRET must be at least 32 characters for CONSOLE_AUTH=dev (the services refuse less)',
      );
    auth = { mode: 'dev' };
  } else {
    throw new Error('set CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID, or CONSOLE_AUTH=dev in development');
  }
  return {
    port: Number(env.CONSOLE_PORT ?? 3000),
    dist: resolve(env.CONSOLE_DIST ?? join(HERE, 'dist')),
    upstreams,
    auth,
    env,
  };
}

function securityHeaders(auth) {
  const idp = auth.mode === 'oidc' ? ` ${new URL(auth.issuer).origin}` : '';
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // antd writes its styles at run time (CSS-in-JS), hence 'unsafe-inline' for styles only.
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'${idp}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'${idp}`,
  };
}

function problem(res, status, title, detail, errors) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors && { errors }) }));
}

/** /api/<service>/<rest> to <upstream>/api/<rest>, method, headers and body streamed both ways. */
function proxy(req, res, upstream, rest) {
  const target = new URL(`/api/${rest}`, upstream);
  const headers = { ...req.headers, host: target.host };
  for (const h of HOP) delete headers[h];
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const out = send(target, { method: req.method, headers }, (answer) => {
    const back = { ...answer.headers };
    for (const h of HOP) delete back[h];
    res.writeHead(answer.statusCode ?? 502, back);
    answer.pipe(res);
  });
  out.on('error', (error) => {
    if (res.headersSent) res.destroy(error);
    else problem(res, 502, 'Bad Gateway', `the service did not answer: ${error.message}`);
  });
  req.pipe(out);
}

async function readJson(req, limit = 4096) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('body too large');
  }
  return JSON.parse(body || '{}');
}

/** Starts the server; resolves to { url, port, close() }. */
export async function startConsoleServer(settings) {
  const { dist, upstreams, auth } = settings;
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`${dist}/index.html is missing: build the console first`);
  const headers = securityHeaders(auth);
  const gzipped = new Map();
  const devToken = auth.mode === 'dev' ? await import('../../scripts/dev-token.mjs') : null;

  function serveFile(req, res, file, stat = statSync(file)) {
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = file.startsWith(join(dist, 'assets') + sep);
    const common = {
      ...headers,
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
    };
    if (
      /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') &&
      /^(text|application\/json|image\/svg)/.test(type)
    ) {
      // Compressed once per file version (a rebuild in development writes new files).
      const key = `${file}@${stat.mtimeMs}`;
      let body = gzipped.get(key);
      if (!body) gzipped.set(key, (body = gzipSync(readFileSync(file))));
      res.writeHead(200, { ...common, 'content-encoding': 'gzip', 'content-length': body.length });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    res.writeHead(200, { ...common, 'content-length': stat.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    const api = /^\/api\/([a-z]+)\/(.*)$/.exec(url.pathname);
    if (api) {
      const upstream = upstreams[api[1]];
      if (!upstream) return problem(res, 404, 'Not Found', `no service "${api[1]}"`);
      return proxy(req, res, upstream, api[2] + url.search);
    }
    if (url.pathname === '/health/ready' || url.pathname === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"status":"ok"}');
    }
    if (url.pathname === '/config.json') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-cache' });
      return res.end(JSON.stringify({ auth }));
    }
    if (url.pathname === '/dev/token') {
      if (!devToken) return problem(res, 404, 'Not Found', 'development sign-in is off');
      if (req.method !== 'POST') return problem(res, 405, 'Method Not Allowed', 'POST a role and dept');
      readJson(req)
        .then((body) => {
          if (typeof body !== 'object' || body === null || Array.isArray(body))
            throw new SyntaxError('the body must be a JSON object');
          return body;
        })
        .then(({ role, dept, storeId }) =>
          devToken.mintDevToken(
            { role, dept: dept || undefined, storeId: storeId || undefined, ttlSeconds: 8 * 3600 },
            settings.env,
          ),
        )
        .then(
          (token) => {
            res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
            res.end(JSON.stringify({ token }));
          },
          (error) => {
            // The field the problem is about: the body when it is no JSON object, else role or dept.
            const field =
              error instanceof SyntaxError ? 'body' : /dept/.test(error.message) ? 'dept' : 'role';
            problem(res, 400, 'Bad Request', error.message, [{ field, messages: [error.message] }]);
          },
        );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return problem(res, 405, 'Method Not Allowed', req.method);
    const file = normalize(join(dist, decodeURIComponent(url.pathname)));
    const stat = file.startsWith(dist + sep) ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (stat?.isFile()) return serveFile(req, res, file, stat);
    if (url.pathname.startsWith('/assets/')) return problem(res, 404, 'Not Found', url.pathname);
    return serveFile(req, res, join(dist, 'index.html')); // an app route: the SPA routes it
  });

  await new Promise((listening, reject) => {
    server.once('error', reject);
    server.listen(settings.port, listening);
  });
  const port = server.address().port;
  return {
    port,
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  let settings;
  try {
    settings = consoleSettings();
  } catch (error) {
    console.error(`console: ${error.message}`);
    process.exit(2);
  }
  const started = await startConsoleServer(settings);
  console.log(`console listening on ${started.url} (sign-in: ${settings.auth.mode})`);
  const stop = () => void started.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
