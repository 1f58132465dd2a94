import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '../config/config';
import { createValidationPipe, ProblemDetails, ProblemDetailsFilter, setupOpenApi } from '../http';
import { AuthConfig, authProviders } from './auth.providers';
import { AdminController } from './admin-controller';
import { AnyLead, CurrentPrincipal, LeadOrAdmin, Public, Roles } from './decorators';
import { Principal, Role } from './roles';
import { mintToken } from './token';

const ISSUER = 'cx-platform';
const SERVICE = 'complaints';
const HS256: AuthConfig = { JWT_ALGORITHM: 'HS256', JWT_SECRET: DEV_JWT_SECRET, JWT_ISSUER: ISSUER };

@Controller('complaints')
class ComplaintsController {
  @Public()
  @Get('public')
  open(@CurrentPrincipal() principal: Principal | undefined) {
    return { principal: principal ?? null };
  }

  @Get('mine')
  mine(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Roles('agent', 'technician')
  @Get('work')
  work() {
    return { ok: true };
  }

  @LeadOrAdmin()
  @Get('policy')
  policy() {
    return { ok: true };
  }

  @Roles('agent', 'lead')
  @Get('handle')
  handle(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Roles('lead')
  @AnyLead()
  @Get('answer')
  answer(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}

@LeadOrAdmin()
@Controller('admin')
class KpiController {
  @Get('kpis')
  kpis() {
    return { ok: true };
  }

  // A handler's declaration replaces the controller's.
  @Roles('auditor')
  @Get('audits')
  audits() {
    return { ok: true };
  }
}

@AdminController('policies/rules')
class RulesController {
  @Get()
  list() {
    return { ok: true };
  }
}

@AdminController('', { tag: 'admin: analytics' })
class AnalyticsController {
  @Get('analytics/counts')
  counts() {
    return { ok: true };
  }
}

async function createApp(config: AuthConfig, withDocs = false): Promise<NestFastifyApplication> {
  @Module({
    controllers: [ComplaintsController, KpiController, RulesController, AnalyticsController],
    providers: authProviders(SERVICE, config),
  })
  class AuthTestModule {}

  const app = await NestFactory.create<NestFastifyApplication>(AuthTestModule, new FastifyAdapter(), {
    logger: false,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  if (withDocs) setupOpenApi(app, { title: 'Complaints', version: '1' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const token = (
  role: Role,
  extra: { dept?: string; storeId?: string; issuer?: string; secret?: string } = {},
) =>
  mintToken({
    role,
    sub: `u-${role}`,
    dept: extra.dept,
    storeId: extra.storeId,
    secret: extra.secret ?? DEV_JWT_SECRET,
    issuer: extra.issuer ?? ISSUER,
  });

describe('AuthGuard (HS256 app)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createApp(HS256, true);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, bearer?: string, headers: Record<string, string> = {}) =>
    app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url,
        headers: bearer === undefined ? headers : { ...headers, authorization: `Bearer ${bearer}` },
      });

  function problemOf(res: { headers: Record<string, unknown>; body: string }): ProblemDetails {
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    return JSON.parse(res.body) as ProblemDetails;
  }

  describe('401', () => {
    it('without a token: problem with WWW-Authenticate: Bearer', async () => {
      const res = await get('/complaints/mine');
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(problemOf(res)).toMatchObject({
        status: 401,
        code: 'TOKEN_MISSING',
        instance: '/complaints/mine',
      });
    });

    it('with another scheme', async () => {
      const res = await get('/complaints/mine', undefined, {
        authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
      });
      expect(res.statusCode).toBe(401);
      expect(problemOf(res).code).toBe('TOKEN_MALFORMED');
    });

    it.each<[string, () => Promise<string>, string]>([
      [
        'expired',
        () =>
          new SignJWT({ role: 'agent' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('u')
            .setIssuer(ISSUER)
            .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
            .sign(new TextEncoder().encode(DEV_JWT_SECRET)),
        'TOKEN_EXPIRED',
      ],
      [
        'signed with another secret',
        () => token('agent', { secret: 'another-secret-of-at-least-32-characters!' }),
        'TOKEN_BAD_SIGNATURE',
      ],
      ['from another issuer', () => token('agent', { issuer: 'someone-else' }), 'TOKEN_INVALID_CLAIMS'],
      ['not a JWT', () => Promise.resolve('abc'), 'TOKEN_MALFORMED'],
    ])('with a token %s, saying why in the challenge', async (_what, make, code) => {
      const res = await get('/complaints/mine', await make());
      expect(res.statusCode).toBe(401);
      const problem = problemOf(res);
      expect(problem.code).toBe(code);
      expect(res.headers['www-authenticate']).toMatch(
        /^Bearer error="invalid_token", error_description="[^"]+"$/,
      );
      expect(res.body).not.toMatch(/stack|jose|ERR_/i);
    });
  });

  describe('any authenticated caller', () => {
    it('reaches an undecorated route, with the principal attached', async () => {
      const res = await get('/complaints/mine', await token('agent', { storeId: 'S001' }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ sub: 'u-agent', roles: ['agent'], storeId: 'S001' });
    });
  });

  describe('@Roles', () => {
    it.each<Role>(['agent', 'technician', 'admin'])('lets %s through', async (role) => {
      expect((await get('/complaints/work', await token(role))).statusCode).toBe(200);
    });

    it('answers 403 naming the required roles when the role is missing', async () => {
      const res = await get('/complaints/work', await token('auditor'));
      expect(res.statusCode).toBe(403);
      const problem = problemOf(res);
      expect(problem).toMatchObject({
        status: 403,
        code: 'FORBIDDEN_ROLE',
        details: { requiredRoles: ['agent', 'technician', 'admin'] },
      });
      expect(problem.detail).toBe('this endpoint requires one of: agent, technician, admin');
      expect(res.headers['www-authenticate']).toBeUndefined();
    });

    it('does not let a lead through a route for other roles', async () => {
      expect((await get('/complaints/work', await token('lead', { dept: SERVICE }))).statusCode).toBe(403);
    });
  });

  describe('@LeadOrAdmin', () => {
    it.each(['/complaints/policy', '/admin/kpis'])(
      '%s: the lead of this service and admin pass, others get 403',
      async (url) => {
        expect((await get(url, await token('lead', { dept: SERVICE }))).statusCode).toBe(200);
        expect((await get(url, await token('admin'))).statusCode).toBe(200);

        const otherLead = await get(url, await token('lead', { dept: 'crm' }));
        expect(otherLead.statusCode).toBe(403);
        expect(problemOf(otherLead)).toMatchObject({
          details: { requiredRoles: ['lead', 'admin'], requiredDept: SERVICE },
        });
        expect(problemOf(otherLead).detail).toContain('lead of department "complaints"');

        expect((await get(url, await token('agent'))).statusCode).toBe(403);
      },
    );

    it('a handler @Roles replaces the controller @LeadOrAdmin', async () => {
      expect((await get('/admin/audits', await token('auditor'))).statusCode).toBe(200);
      expect((await get('/admin/audits', await token('lead', { dept: SERVICE }))).statusCode).toBe(403);
      expect((await get('/admin/audits', await token('admin'))).statusCode).toBe(200);
    });
  });

  describe('a lead is a lead only in the department of their dept claim', () => {
    it('@Roles naming lead lets the lead of this service through and refuses a lead of another', async () => {
      expect((await get('/complaints/handle', await token('lead', { dept: SERVICE }))).statusCode).toBe(200);
      expect((await get('/complaints/handle', await token('agent'))).statusCode).toBe(200);

      const otherLead = await get('/complaints/handle', await token('lead', { dept: 'crm' }));
      expect(otherLead.statusCode).toBe(403);
      const problem = problemOf(otherLead);
      expect(problem).toMatchObject({
        code: 'FORBIDDEN_ROLE',
        details: { requiredRoles: ['agent', 'lead', 'admin'], requiredDept: SERVICE },
      });
      expect(problem.detail).toBe(
        'this endpoint requires one of: agent, lead of department "complaints", admin',
      );
    });

    it('@AnyLead lets a lead of any department through, with their dept and without lead in roles', async () => {
      const foreign = await get('/complaints/answer', await token('lead', { dept: 'crm' }));
      expect(foreign.statusCode).toBe(200);
      expect(foreign.json()).toMatchObject({ roles: [], dept: 'crm' });
      const own = await get('/complaints/answer', await token('lead', { dept: SERVICE }));
      expect(own.json()).toMatchObject({ roles: ['lead'], dept: SERVICE });
      expect((await get('/complaints/answer', await token('agent'))).statusCode).toBe(403);
      expect((await get('/complaints/answer', await token('admin'))).statusCode).toBe(200);
    });

    it('takes lead off the principal elsewhere, so handlers do not see it either', async () => {
      const agentAndLead = (dept: string) =>
        new SignJWT({ roles: ['agent', 'lead'], dept })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('u-both')
          .setIssuer(ISSUER)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(DEV_JWT_SECRET));
      const foreign = await get('/complaints/handle', await agentAndLead('crm'));
      expect(foreign.statusCode).toBe(200);
      expect(foreign.json()).toEqual({ sub: 'u-both', roles: ['agent'], dept: 'crm' });
      const own = await get('/complaints/handle', await agentAndLead(SERVICE));
      expect(own.json()).toEqual({ sub: 'u-both', roles: ['agent', 'lead'], dept: SERVICE });
      expect((await get('/complaints/policy', await agentAndLead('crm'))).statusCode).toBe(403);
    });

    it('on a public route too', async () => {
      expect((await get('/complaints/public', await token('lead', { dept: 'crm' }))).json()).toEqual({
        principal: { sub: 'u-lead', roles: [], dept: 'crm' },
      });
    });
  });

  describe('@AdminController', () => {
    it.each(['/admin/policies/rules', '/admin/analytics/counts'])(
      '%s: under admin/, for the lead of this service and admins only',
      async (url) => {
        expect((await get(url)).statusCode).toBe(401);
        expect((await get(url, await token('lead', { dept: SERVICE }))).statusCode).toBe(200);
        expect((await get(url, await token('admin'))).statusCode).toBe(200);
        for (const refused of [
          await token('lead', { dept: 'crm' }),
          await token('agent'),
          await token('system'),
        ]) {
          const res = await get(url, refused);
          expect(res.statusCode).toBe(403);
          expect(problemOf(res).details).toEqual({ requiredRoles: ['lead', 'admin'], requiredDept: SERVICE });
        }
      },
    );

    it('documents the tag (derived or given), the bearer token and the 401 and 403 problems', async () => {
      type Operation = { tags: string[]; security: unknown[]; responses: Record<string, unknown> };
      const doc = (await get('/docs/json')).json<{ paths: Record<string, { get: Operation }> }>();
      const rules = doc.paths['/admin/policies/rules'].get;
      const counts = doc.paths['/admin/analytics/counts'].get;
      expect(rules.tags).toEqual(['admin: policies']);
      expect(counts.tags).toEqual(['admin: analytics']);
      for (const op of [rules, counts]) {
        expect(op.security).toEqual([{ bearer: [] }]);
        for (const status of ['401', '403'])
          expect(op.responses[status]).toMatchObject({
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } },
            },
          });
      }
    });
  });

  describe('@Public', () => {
    it('answers without a token', async () => {
      const res = await get('/complaints/public');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ principal: null });
    });

    it('attaches the principal when a valid token comes anyway, and ignores a bad one', async () => {
      expect((await get('/complaints/public', await token('system'))).json()).toEqual({
        principal: { sub: 'u-system', roles: ['system'] },
      });
      const bad = await get('/complaints/public', 'garbage');
      expect(bad.statusCode).toBe(200);
      expect(bad.json()).toEqual({ principal: null });
    });

    it('is documented as needing no token, while the rest need the bearer token', async () => {
      const doc = (await get('/docs/json')).json<{
        security: unknown[];
        paths: Record<string, { get: { security?: unknown[]; 'x-required-roles'?: string[] } }>;
      }>();
      expect(doc.security).toEqual([{ bearer: [] }]);
      expect(doc.paths['/complaints/public'].get.security).toEqual([{}]);
      expect(doc.paths['/complaints/mine'].get.security).toBeUndefined();
      expect(doc.paths['/complaints/work'].get['x-required-roles']).toEqual(['agent', 'technician']);
      expect(doc.paths['/complaints/handle'].get['x-required-roles']).toEqual([
        'agent',
        'lead (of this service)',
      ]);
    });
  });
});

describe('AuthGuard (RS256 app with a PEM public key)', () => {
  let app: NestFastifyApplication;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256', { extractable: true });
    app = await createApp({
      JWT_ALGORITHM: 'RS256',
      JWT_PUBLIC_KEY: await exportSPKI(keys.publicKey),
      JWT_ISSUER: ISSUER,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('accepts RS256 tokens of the key pair and rejects HS256 dev tokens', async () => {
    const rs = await new SignJWT({ role: 'lead', dept: SERVICE })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('lead-1')
      .setIssuer(ISSUER)
      .setExpirationTime('5m')
      .sign(keys.privateKey);
    const inject = (bearer: string) =>
      app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'GET', url: '/admin/kpis', headers: { authorization: `Bearer ${bearer}` } });
    expect((await inject(rs)).statusCode).toBe(200);
    const dev = await inject(await token('admin'));
    expect(dev.statusCode).toBe(401);
    expect((JSON.parse(dev.body) as ProblemDetails).code).toBe('TOKEN_BAD_ALGORITHM');
  });
});
