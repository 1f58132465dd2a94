#!/usr/bin/env node
// Prints a development bearer token (HS256) that the services accept with their default config.
//   npm run token -- --role lead --dept complaints [--sub u-1] [--store S001] [--name "Ana"] [--ttl 8h]
// Signed with JWT_SECRET (or the development default), issuer JWT_ISSUER (or cx-platform),
// audience JWT_AUDIENCE when set (scripts/dev-token.mjs). Never for production: real tokens come from
// the identity provider.
import { parseArgs } from 'node:util';
import { devClaimsProblem, mintDevToken, ROLES } from './dev-token.mjs';

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
const problem = devClaimsProblem(values);
if (problem) fail(problem);
if (!TTL.test(values.ttl)) fail(`--ttl "${values.ttl}" is not a duration like 30m, 8h, 7d`);
const [, amount, unit] = TTL.exec(values.ttl);

let token;
try {
  token = await mintDevToken({
    role: values.role,
    dept: values.dept,
    sub: values.sub,
    storeId: values.store,
    name: values.name,
    ttlSeconds: Number(amount) * UNIT_SECONDS[unit],
  });
} catch (error) {
  fail(error.message);
}
process.stdout.write(`${token}\n`);
