import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { DEV_JWT_SECRET } from '../config/config';
import { JwtVerifier } from './jwt.verifier';
import { ROLES } from './roles';
import { mintToken } from './token';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = resolve(ROOT, 'scripts/token.mjs');
const run = promisify(execFile);

/** The environment of a developer who set nothing: the script must fall back to the dev defaults. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['JWT_SECRET', 'JWT_ISSUER', 'JWT_AUDIENCE']) if (!(name in extra)) delete env[name];
  return env;
}

async function script(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, ...args], {
      cwd: ROOT,
      env: cleanEnv(extraEnv),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const devVerifier = new JwtVerifier({ algorithm: 'HS256', secret: DEV_JWT_SECRET, issuer: 'cx-platform' });

describe('mintToken', () => {
  const base = { secret: DEV_JWT_SECRET, issuer: 'cx-platform' };

  it('mints a token the verifier accepts, with every claim', async () => {
    const token = await mintToken({
      ...base,
      role: 'lead',
      dept: 'complaints',
      sub: 'u-7',
      storeId: 'S001',
      name: 'Ana',
    });
    await expect(devVerifier.verify(token)).resolves.toEqual({
      sub: 'u-7',
      roles: ['lead'],
      dept: 'complaints',
      storeId: 'S001',
      name: 'Ana',
    });
  });

  it('defaults sub to dev-<role> and ttl to 8 hours', async () => {
    const token = await mintToken({ ...base, role: 'technician' });
    const claims = decodeJwt(token);
    expect(claims.sub).toBe('dev-technician');
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(8 * 3600);
  });

  it('honours a ttl in seconds', async () => {
    const claims = decodeJwt(await mintToken({ ...base, role: 'agent', ttl: 90 }));
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(90);
  });

  it('refuses what the verifier would refuse', async () => {
    await expect(mintToken({ ...base, role: 'lead' })).rejects.toThrow(/dept/);
    await expect(mintToken({ ...base, role: 'nope' as never })).rejects.toThrow(/unknown role/);
    await expect(mintToken({ ...base, role: 'agent', ttl: 'forever' })).rejects.toThrow(/ttl/);
    await expect(mintToken({ ...base, role: 'agent', secret: 'short' })).rejects.toThrow(/32/);
  });
});

describe('scripts/token.mjs', () => {
  it('prints a token for --role agent that the verifier accepts with the dev defaults', async () => {
    const { code, stdout } = await script(['--role', 'agent']);
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    await expect(devVerifier.verify(stdout.trim())).resolves.toEqual({ sub: 'dev-agent', roles: ['agent'] });
  });

  it('knows every role of roles.ts (the two lists stay in sync)', async () => {
    for (const role of ROLES) {
      const { code, stdout, stderr } = await script(
        role === 'lead' ? ['--role', role, '--dept', 'complaints'] : ['--role', role],
      );
      expect({ role, code, stderr }).toEqual({ role, code: 0, stderr: '' });
      expect((await devVerifier.verify(stdout.trim())).roles).toEqual([role]);
    }
  });

  it('passes dept, sub, store and ttl', async () => {
    const { stdout } = await script([
      '--role',
      'lead',
      '--dept',
      'aftersales',
      '--sub',
      'u-1',
      '--store',
      'S001',
      '--ttl',
      '30m',
    ]);
    const principal = await devVerifier.verify(stdout.trim());
    expect(principal).toEqual({ sub: 'u-1', roles: ['lead'], dept: 'aftersales', storeId: 'S001' });
    const claims = decodeJwt(stdout.trim());
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(1800);
  });

  it('signs with JWT_SECRET and JWT_ISSUER from the environment', async () => {
    const secret = 'a-production-like-secret-of-48-characters-000000';
    const { stdout } = await script(['--role', 'system'], { JWT_SECRET: secret, JWT_ISSUER: 'corp-idp' });
    const verifier = new JwtVerifier({ algorithm: 'HS256', secret, issuer: 'corp-idp' });
    await expect(verifier.verify(stdout.trim())).resolves.toMatchObject({ roles: ['system'] });
    await expect(devVerifier.verify(stdout.trim())).rejects.toThrow();
  });

  it.each([
    [['--role', 'nope'], /unknown role "nope"/],
    [[], /--role is required/],
    [['--role', 'lead'], /--dept/],
    [['--role', 'agent', '--ttl', 'soon'], /--ttl/],
    [['--role', 'agent', '--colour', 'red'], /colour/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const { code, stdout, stderr } = await script(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/usage: npm run token/);
  });
});
