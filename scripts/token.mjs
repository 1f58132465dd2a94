#!/usr/bin/env node
// Prints a development bearer token (HS256) that the services accept with their default config.
//   npm run token -- --role lead --dept complaints [--sub u-1] [--store S001] [--name "Ana"] [--ttl 8h]
// Signed with JWT_SECRET (or the development default), issuer JWT_ISSUER (or cx-platform),
// audience JWT_AUDIENCE when set. Never for production: real tokens come from the identity provider.
// Plain ESM without a build step: the role list and the default secret mirror
// libs/platform/src/auth/roles.ts and DEV_JWT_SECRET in libs/platform/src/config/config.ts
// (auth/token.spec.ts fails when they drift apart).
import { SignJWT } from 'jose';
import { parseArgs } from 'node:util';

const ROLES = ['system', 'agent', 'technician', 'auditor', 'lead', 'admin'];
const DEV_JWT_SECRET = 'cx-dev-only-jwt-secret-change-me-0123456789';
const TTL = /^([1-9]\d*)(s|m|h|d|w)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--dept <service>] [--sub <id>] [--store <storeId>] [--name <name>] [--ttl <30m|8h|7d>]
  --dept is required with --role lead (the service the lead runs: crm, complaints, aftersales, surveys, training)`;

function fail(message) {
  process.stderr.write(`token: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string' },
      dept: { type: 'string' },
      sub: { type: 'string' },
      store: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error.message);
}

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values.role) fail('--role is required');
if (!ROLES.includes(values.role)) fail(`unknown role "${values.role}": use one of ${ROLES.join(', ')}`);
if (values.role === 'lead' && !values.dept) fail('--role lead needs --dept <service>');
if (values.dept !== undefined && !/^[a-z][a-z0-9-]*$/.test(values.dept))
  fail(`--dept "${values.dept}" is not a service name`);
if (!TTL.test(values.ttl)) fail(`--ttl "${values.ttl}" is not a duration like 30m, 8h, 7d`);

const secret = process.env.JWT_SECRET || DEV_JWT_SECRET;
if (secret.length < 32) fail('JWT_SECRET must be at least 32 characters');
const issuer = process.env.JWT_ISSUER || 'cx-platform';
const audience = process.env.JWT_AUDIENCE || undefined;

const claims = { role: values.role };
if (values.dept) claims.dept = values.dept;
if (values.store) claims.storeId = values.store;
if (values.name) claims.name = values.name;

const [, amount, unit] = TTL.exec(values.ttl);
const now = Math.floor(Date.now() / 1000);
const jwt = new SignJWT(claims)
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setSubject(values.sub ?? `dev-${values.role}`)
  .setIssuer(issuer)
  .setIssuedAt(now)
  .setExpirationTime(now + Number(amount) * UNIT_SECONDS[unit]);
if (audience) jwt.setAudience(audience);

process.stdout.write(`${await jwt.sign(new TextEncoder().encode(secret))}\n`);
