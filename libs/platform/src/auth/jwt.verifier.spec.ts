import { HttpException, UnauthorizedException } from '@nestjs/common';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DEV_JWT_SECRET } from '../config/config';
import { JwtVerifier } from './jwt.verifier';

const ISSUER = 'cx-platform';
const SECRET = DEV_JWT_SECRET;
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

function hs256(
  claims: Record<string, unknown>,
  opts: { issuer?: string; exp?: number | null; sub?: string | null; secret?: Uint8Array } = {},
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (opts.sub !== null) jwt.setSubject(opts.sub ?? 'u-1');
  if (opts.issuer !== undefined) jwt.setIssuer(opts.issuer);
  else jwt.setIssuer(ISSUER);
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now() + 600);
  return jwt.sign(opts.secret ?? key);
}

/** The 401 the verifier throws: its code and reason. */
async function rejection(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    const response = (error as HttpException).getResponse() as { code: string; message: string };
    return { status: (error as HttpException).getStatus(), code: response.code, message: response.message };
  }
  throw new Error('expected the token to be rejected');
}

describe('JwtVerifier (HS256)', () => {
  const verifier = new JwtVerifier({ algorithm: 'HS256', secret: SECRET, issuer: ISSUER });

  it('returns the principal of a valid token', async () => {
    const token = await hs256({ role: 'lead', dept: 'complaints', storeId: 'S001', name: 'Ana' });
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'u-1',
      roles: ['lead'],
      dept: 'complaints',
      storeId: 'S001',
      name: 'Ana',
    });
  });

  it('accepts a roles array and merges it with role', async () => {
    const token = await hs256({ role: 'agent', roles: ['technician', 'agent'] });
    await expect(verifier.verify(token)).resolves.toEqual({ sub: 'u-1', roles: ['agent', 'technician'] });
  });

  it.each<[string, () => Promise<string>, string, RegExp]>([
    ['an expired token', () => hs256({ role: 'agent' }, { exp: now() - 60 }), 'TOKEN_EXPIRED', /expired/],
    [
      'a wrong signature',
      () => hs256({ role: 'agent' }, { secret: new TextEncoder().encode('x'.repeat(40)) }),
      'TOKEN_BAD_SIGNATURE',
      /signature/,
    ],
    ['a wrong issuer', () => hs256({ role: 'agent' }, { issuer: 'evil' }), 'TOKEN_INVALID_CLAIMS', /issuer/],
    ['no exp', () => hs256({ role: 'agent' }, { exp: null }), 'TOKEN_INVALID_CLAIMS', /"exp"/],
    ['no sub', () => hs256({ role: 'agent' }, { sub: null }), 'TOKEN_INVALID_CLAIMS', /"sub"/],
    ['no role', () => hs256({}), 'TOKEN_INVALID_CLAIMS', /role/],
    [
      'an unknown role',
      () => hs256({ role: 'superuser' }),
      'TOKEN_INVALID_CLAIMS',
      /unknown role "superuser"/,
    ],
    ['a roles claim that is not an array', () => hs256({ roles: 'agent' }), 'TOKEN_INVALID_CLAIMS', /array/],
    ['a lead without dept', () => hs256({ role: 'lead' }), 'TOKEN_INVALID_CLAIMS', /"dept"/],
    [
      'a not-yet-valid token',
      () =>
        new SignJWT({ role: 'agent' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('u')
          .setIssuer(ISSUER)
          .setNotBefore(now() + 600)
          .setExpirationTime(now() + 1200)
          .sign(key),
      'TOKEN_INVALID_CLAIMS',
      /not valid yet/,
    ],
    [
      'another algorithm',
      () =>
        new SignJWT({ role: 'agent' })
          .setProtectedHeader({ alg: 'HS512' })
          .setSubject('u')
          .setIssuer(ISSUER)
          .setExpirationTime(now() + 60)
          .sign(new TextEncoder().encode('y'.repeat(64))),
      'TOKEN_BAD_ALGORITHM',
      /HS256/,
    ],
    [
      'an unsigned token',
      () => {
        const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
        const body = Buffer.from(
          JSON.stringify({ sub: 'u', role: 'admin', iss: ISSUER, exp: now() + 60 }),
        ).toString('base64url');
        return Promise.resolve(`${header}.${body}.`);
      },
      'TOKEN_BAD_ALGORITHM',
      /HS256/,
    ],
    ['garbage', () => Promise.resolve('not-a-token'), 'TOKEN_MALFORMED', /malformed/],
    ['three garbage parts', () => Promise.resolve('a.b.c'), 'TOKEN_MALFORMED', /malformed/],
  ])('rejects %s with 401 %s', async (_what, make, code, reason) => {
    const result = await rejection(verifier.verify(await make()));
    expect(result.status).toBe(401);
    expect(result.code).toBe(code);
    expect(result.message).toMatch(reason);
  });

  describe('tokens verified before', () => {
    afterEach(() => jest.useRealTimers());

    it('are answered from memory, and a changed copy is verified again', async () => {
      const v = new JwtVerifier({ algorithm: 'HS256', secret: SECRET, issuer: ISSUER });
      const token = await hs256({ role: 'agent' });
      const first = await v.verify(token);
      first.roles.push('admin'); // a caller changing its copy changes nothing kept
      expect(v.cachedTokens).toBe(1);
      await expect(v.verify(token)).resolves.toEqual({ sub: 'u-1', roles: ['agent'] });
      expect(v.cachedTokens).toBe(1);
      const [head, body, sig] = token.split('.');
      const tampered = `${head}.${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
      expect((await rejection(v.verify(tampered))).code).toBe('TOKEN_BAD_SIGNATURE');
      expect(v.cachedTokens).toBe(1); // refused tokens are not kept
    });

    it('expire when the token does, checked on every use', async () => {
      const v = new JwtVerifier({
        algorithm: 'HS256',
        secret: SECRET,
        issuer: ISSUER,
        clockToleranceSeconds: 0,
      });
      const token = await hs256({ role: 'agent' }, { exp: now() + 60 });
      await v.verify(token);
      jest.useFakeTimers({ now: Date.now() + 61_000 });
      expect((await rejection(v.verify(token))).code).toBe('TOKEN_EXPIRED');
    });
  });

  it('checks the audience when configured', async () => {
    const withAudience = new JwtVerifier({
      algorithm: 'HS256',
      secret: SECRET,
      issuer: ISSUER,
      audience: 'cx-api',
    });
    const ok = await new SignJWT({ role: 'agent' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer(ISSUER)
      .setAudience('cx-api')
      .setExpirationTime(now() + 60)
      .sign(key);
    await expect(withAudience.verify(ok)).resolves.toMatchObject({ roles: ['agent'] });
    expect((await rejection(withAudience.verify(await hs256({ role: 'agent' })))).message).toMatch(/"aud"/);
    const other = await new SignJWT({ role: 'agent' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer(ISSUER)
      .setAudience('other-api')
      .setExpirationTime(now() + 60)
      .sign(key);
    expect((await rejection(withAudience.verify(other))).message).toMatch(/audience/);
  });

  it('refuses to start without a usable secret', () => {
    expect(() => new JwtVerifier({ algorithm: 'HS256', issuer: ISSUER })).toThrow(/JWT_SECRET/);
    expect(() => new JwtVerifier({ algorithm: 'HS256', secret: 'short', issuer: ISSUER })).toThrow(/32/);
  });

  it('is built from the service config', async () => {
    const fromConfig = await JwtVerifier.fromConfig({
      JWT_ALGORITHM: 'HS256',
      JWT_SECRET: SECRET,
      JWT_ISSUER: ISSUER,
    });
    await expect(fromConfig.verify(await hs256({ role: 'system' }))).resolves.toMatchObject({
      roles: ['system'],
    });
  });

  it('throws UnauthorizedException, the class the filter answers with 401 and a challenge', async () => {
    await expect(verifier.verify(await hs256({ role: 'agent' }, { exp: now() - 60 }))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });
});

describe('JwtVerifier (RS256)', () => {
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let otherKeys: Awaited<ReturnType<typeof generateKeyPair>>;
  let pem: string;

  const rs256 = (
    privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'],
    claims: Record<string, unknown> = { role: 'auditor' },
    kid?: string,
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', ...(kid ? { kid } : {}) })
      .setSubject('shopper-1')
      .setIssuer(ISSUER)
      .setExpirationTime('5m')
      .sign(privateKey);

  beforeAll(async () => {
    keys = await generateKeyPair('RS256', { extractable: true });
    otherKeys = await generateKeyPair('RS256', { extractable: true });
    pem = await exportSPKI(keys.publicKey);
  });

  it('verifies with a PEM public key', async () => {
    const verifier = await JwtVerifier.fromConfig({
      JWT_ALGORITHM: 'RS256',
      JWT_PUBLIC_KEY: pem,
      JWT_ISSUER: ISSUER,
    });
    await expect(verifier.verify(await rs256(keys.privateKey))).resolves.toEqual({
      sub: 'shopper-1',
      roles: ['auditor'],
    });
    expect((await rejection(verifier.verify(await rs256(otherKeys.privateKey)))).code).toBe(
      'TOKEN_BAD_SIGNATURE',
    );
  });

  it('accepts a PEM whose newlines are escaped, as env files often carry it', async () => {
    const verifier = await JwtVerifier.fromConfig({
      JWT_ALGORITHM: 'RS256',
      JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n'),
      JWT_ISSUER: ISSUER,
    });
    await expect(verifier.verify(await rs256(keys.privateKey))).resolves.toMatchObject({
      roles: ['auditor'],
    });
  });

  it('rejects an HS256 token signed with the public key (algorithm confusion)', async () => {
    const verifier = new JwtVerifier({ algorithm: 'RS256', publicKey: pem, issuer: ISSUER });
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(pem));
    expect((await rejection(verifier.verify(forged))).status).toBe(401);
  });

  it('fails at start with an invalid PEM', async () => {
    await expect(
      JwtVerifier.fromConfig({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: 'not a key', JWT_ISSUER: ISSUER }),
    ).rejects.toThrow(/JWT_PUBLIC_KEY/);
    expect(() => new JwtVerifier({ algorithm: 'RS256', issuer: ISSUER })).toThrow(
      /JWT_JWKS_URL or JWT_PUBLIC_KEY/,
    );
  });

  describe('with a JWKS endpoint', () => {
    let server: Server;
    let url: string;

    beforeAll(async () => {
      const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('verifies tokens signed with a published key and rejects unknown keys', async () => {
      const verifier = await JwtVerifier.fromConfig({
        JWT_ALGORITHM: 'RS256',
        JWT_JWKS_URL: url,
        JWT_ISSUER: ISSUER,
      });
      await expect(verifier.verify(await rs256(keys.privateKey, { role: 'system' }, 'k1'))).resolves.toEqual({
        sub: 'shopper-1',
        roles: ['system'],
      });
      expect(
        (await rejection(verifier.verify(await rs256(otherKeys.privateKey, { role: 'system' }, 'k2')))).code,
      ).toBe('TOKEN_UNKNOWN_KEY');
    });

    it('answers 503, not 401, when the keys cannot be fetched', async () => {
      const verifier = new JwtVerifier({
        algorithm: 'RS256',
        jwksUrl: 'http://127.0.0.1:1/jwks.json',
        issuer: ISSUER,
      });
      const result = await rejection(verifier.verify(await rs256(keys.privateKey, { role: 'system' }, 'k1')));
      expect(result.status).toBe(503);
      expect(result.code).toBe('AUTH_KEYS_UNAVAILABLE');
    });
  });
});
