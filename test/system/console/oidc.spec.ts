// The console's production sign-in (ADR 40) end to end: OpenID Connect authorization code with PKCE
// against an identity provider that checks what a real one checks (registered client and redirect URI,
// the S256 challenge against the verifier, a code used once) and signs RS256 tokens, with the five
// services verifying them from its JWKS as in production (JWT_ALGORITHM=RS256, JWT_JWKS_URL).
import { ProcessPlatform, freePort } from '@cx/testing';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Browser, chartsDrawn, launchBrowser } from './browser';
import { buildConsole, startConsoleServer } from './console-platform';

const CLIENT_ID = 'cx-console';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Browser globals, used only inside page callbacks (the workspace's type check has no DOM library).
declare const sessionStorage: any;

interface Authorization {
  clientId: string;
  redirectUri: string;
  challenge: string;
  method: string;
  nonce: string;
}

/**
 * A small OpenID provider: discovery, authorize (signs the user in at once), token (authorization code,
 * and refresh tokens used once and rotated), JWKS.
 */
async function identityProvider(user: { sub: string; role: string; dept: string }) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, Authorization>();
  const refreshTokens = new Set<string>();
  let accessTtlSeconds = 600;
  const seen: { authorize: URLSearchParams[]; token: URLSearchParams[] } = { authorize: [], token: [] };
  let consoleOrigin = '';

  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setSubject(user.sub)
      .setIssuedAt()
      .setExpirationTime(`${accessTtlSeconds}s`)
      .sign(privateKey);
  const refreshToken = () => {
    const token = randomUUID();
    refreshTokens.add(token);
    return token;
  };
  const access = () => sign({ role: user.role, dept: user.dept, name: 'Lead Li' });

  const json = (res: ServerResponse, status: number, body: unknown) => {
    // The console is a public client in the browser: the provider allows its origin (CORS).
    res.writeHead(status, {
      'content-type': 'application/json',
      'access-control-allow-origin': consoleOrigin,
    });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration')
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        code_challenge_methods_supported: ['S256'],
      });
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      seen.authorize.push(q);
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== CLIENT_ID || redirectUri !== `${consoleOrigin}/callback`)
        return json(res, 400, { error: 'invalid_request' });
      const code = randomUUID();
      codes.set(code, {
        clientId: CLIENT_ID,
        redirectUri,
        challenge: q.get('code_challenge') ?? '',
        method: q.get('code_challenge_method') ?? '',
        nonce: q.get('nonce') ?? '',
      });
      res.writeHead(302, {
        location: `${redirectUri}?code=${code}&state=${encodeURIComponent(q.get('state') ?? '')}`,
      });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        seen.token.push(form);
        if (form.get('grant_type') === 'refresh_token') {
          // Used once: a console that sent an old one again would be refused.
          if (form.get('client_id') !== CLIENT_ID || !refreshTokens.delete(form.get('refresh_token') ?? ''))
            return json(res, 400, { error: 'invalid_grant' });
          void access().then((token) =>
            json(res, 200, {
              access_token: token,
              refresh_token: refreshToken(),
              token_type: 'Bearer',
              expires_in: accessTtlSeconds,
            }),
          );
          return;
        }
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const s256 = createHash('sha256').update(verifier).digest('base64url');
        if (
          !grant ||
          form.get('grant_type') !== 'authorization_code' ||
          form.get('client_id') !== grant.clientId ||
          form.get('redirect_uri') !== grant.redirectUri ||
          grant.method !== 'S256' ||
          s256 !== grant.challenge
        )
          return json(res, 400, { error: 'invalid_grant' });
        void Promise.all([access(), sign({ aud: CLIENT_ID, nonce: grant.nonce })]).then(([token, id]) =>
          json(res, 200, {
            access_token: token,
            id_token: id,
            refresh_token: refreshToken(),
            token_type: 'Bearer',
            expires_in: accessTtlSeconds,
          }),
        );
      });
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': consoleOrigin,
        'access-control-allow-headers': 'content-type',
      });
      return res.end();
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    issuer,
    seen,
    allow: (origin: string) => void (consoleOrigin = origin),
    /** How long the access tokens it signs from now on live. */
    accessTtl: (seconds: number) => void (accessTtlSeconds = seconds),
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('console sign-in with OpenID Connect (code + PKCE) against RS256-verifying services', () => {
  let idp: Awaited<ReturnType<typeof identityProvider>>;
  let platform: ProcessPlatform;
  let dist: string;
  let consoleServer: Awaited<ReturnType<typeof startConsoleServer>>;
  let browser: Browser;

  beforeAll(async () => {
    idp = await identityProvider({ sub: 'lead-li', role: 'lead', dept: 'complaints' });
    dist = await mkdtemp(join(tmpdir(), 'cx-console-oidc-'));
    [platform] = await Promise.all([
      ProcessPlatform.start({
        env: { JWT_ALGORITHM: 'RS256', JWT_JWKS_URL: `${idp.issuer}/jwks`, JWT_ISSUER: idp.issuer },
      }),
      buildConsole(dist),
    ]);
    consoleServer = await startConsoleServer(platform, dist, {
      CONSOLE_OIDC_ISSUER: idp.issuer,
      CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
    });
    idp.allow(consoleServer.url);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    consoleServer?.child.kill('SIGTERM');
    await platform?.stop();
    await idp?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('signs a lead in through the provider and shows their page with the services accepting the token', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      await page.goto(`${consoleServer.url}/complaints?from=2026-11-01&to=2026-12-01`);
      await page.getByRole('button', { name: /company account|公司账号/ }).click();
      await page.waitForURL(/\/complaints\?from=2026-11-01/);
      await chartsDrawn(page);
      const authorize = idp.seen.authorize.at(-1)!;
      expect({
        responseType: authorize.get('response_type'),
        method: authorize.get('code_challenge_method'),
        challenge: authorize.get('code_challenge')?.length,
        state: (authorize.get('state') ?? '').length >= 32,
        nonce: (authorize.get('nonce') ?? '').length >= 32,
        verifierSent: (idp.seen.token.at(-1)?.get('code_verifier') ?? '').length >= 43,
      }).toEqual({
        responseType: 'code',
        method: 'S256',
        challenge: 43,
        state: true,
        nonce: true,
        verifierSent: true,
      });
      await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('Lead Li');
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('renews a short-lived access token with the rotated refresh token, so the pages keep working past its expiry', async () => {
    idp.accessTtl(8);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const refreshes = () => idp.seen.token.filter((f) => f.get('grant_type') === 'refresh_token');
    const before = refreshes().length;
    try {
      await page.goto(`${consoleServer.url}/complaints?from=2026-11-01&to=2026-12-01`);
      await page.getByRole('button', { name: /company account|公司账号/ }).click();
      await page.waitForURL(/\/complaints\?from=2026-11-01/);
      await chartsDrawn(page);
      const tokenOf = () =>
        page.evaluate(() => JSON.parse(sessionStorage.getItem('cx-console.session') ?? '{}').token as string);
      const first = await tokenOf();
      const signedInAt = Date.now();
      // 8 s tokens are renewed halfway: two renewals, the second with the token the first answered.
      for (let i = 0; i < 200 && refreshes().length < before + 2; i++) await sleep(100);
      expect(refreshes().length).toBeGreaterThanOrEqual(before + 2);
      await sleep(Math.max(0, signedInAt + 9_000 - Date.now())); // the first token has expired
      await page.reload();
      await chartsDrawn(page);
      await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('Lead Li');
      expect(await tokenOf()).not.toBe(first);
      expect(await page.getByRole('button', { name: /company account|公司账号/ }).count()).toBe(0);
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      idp.accessTtl(600);
      await page.close();
    }
  });

  it('refuses a callback whose state is not the one it sent', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${consoleServer.url}/callback?code=forged&state=forged`);
      await expect(page.getByText(/sign-in failed|登录失败/i).textContent()).resolves.toBeTruthy();
      await expect(page.getByText('sign-in state does not match').textContent()).resolves.toBeTruthy();
    } finally {
      await page.close();
    }
  });
});
