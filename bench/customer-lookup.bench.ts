// Customer lookup benchmark: POST /api/v1/customers/search by phone on the real crm service (validation,
// keyed hash of the phone, the unique-index lookup, decryption of the personal fields, the consents,
// and the audit row written before the answer) beside a floor measured in the same run: the same
// route of the same running service (auth guard, validation pipe, problem filter, serialisation) with
// the service's lookup replaced by a constant answer. Target: at least 50 % of the floor's requests/s.
//
//   node -r ./libs/testing/register.cjs bench/customer-lookup.bench.ts     (or: npm run bench -- customer-lookup)
//
// Knobs: BENCH_LOOKUP_CONNECTIONS (20), BENCH_LOOKUP_SECONDS (10), BENCH_LOOKUP_WARMUP_SECONDS (3),
// BENCH_LOOKUP_CUSTOMERS (1000). The load generator (autocannon) runs in this process, for both sides.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServiceApp, DEV_JWT_SECRET, mintToken, Principal } from '@cx/platform';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  freePort,
  SHARED_NATS_URL,
  SHARED_POSTGRES_URL,
  uniqueNamespace,
} from '@cx/testing';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { CustomerService } from '../services/crm/src/customer/customer.service';
import { CustomerView } from '../services/crm/src/customer/customer.view';
import { crmService } from '../services/crm/src/service';

const RESULT_FILE = join(resolve(__dirname, '..'), 'bench/results/customer-lookup.json');
const TARGET_RATIO = 0.5;

const num = (name: string, dflt: number): number => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v < 1) throw new Error(`${name} must be a number >= 1`);
  return v;
};
const cfg = {
  connections: num('BENCH_LOOKUP_CONNECTIONS', 20),
  seconds: num('BENCH_LOOKUP_SECONDS', 10),
  warmupSeconds: num('BENCH_LOOKUP_WARMUP_SECONDS', 3),
  customers: num('BENCH_LOOKUP_CUSTOMERS', 1_000),
};

const phoneOf = (i: number) => `+8613900${String(i).padStart(6, '0')}`;

interface Phase {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function run(url: string, token: string, seconds: number): Promise<Phase> {
  let i = 0;
  const r = await autocannon({
    url,
    connections: cfg.connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/customers/search',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ phone: phoneOf(i++ % cfg.customers), purpose: 'bench lookup' }),
        }),
      },
    ],
  });
  return {
    requestsPerSecond: r['2xx'] / (r.duration || seconds),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

async function main(): Promise<void> {
  const db = await createTestDatabase(SHARED_POSTGRES_URL, 'cxbench_crm_');
  const namespace = uniqueNamespace();
  const port = await freePort();
  const svc = await createServiceApp(crmService, {
    env: {
      NODE_ENV: 'development', // dev JWT secret and PII keys; migrations run at start
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.url,
      NATS_URL: SHARED_NATS_URL,
      NATS_NAMESPACE: namespace,
      LOG_LEVEL: 'silent',
    },
  });
  try {
    await svc.start();
    const customers = svc.app.get(CustomerService);
    const actor: Principal = { sub: 'bench-system', roles: ['system'] };
    for (let i = 0; i < cfg.customers; i++)
      await customers.create(
        {
          name: `Bench Customer ${i}`,
          phone: phoneOf(i),
          email: `bench.${i}@example.com`,
          registrationChannel: 'membership',
          consents: [{ purpose: 'marketing', channel: 'sms', granted: true, source: 'bench' }],
        },
        actor,
        undefined,
      );
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query('ANALYZE');
    const audits = async () =>
      Number((await pg.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'read'`)).rows[0].n);

    const token = await mintToken({
      role: 'agent',
      sub: 'bench-agent',
      secret: DEV_JWT_SECRET,
      issuer: 'cx-platform',
      ttl: '1h',
    });
    const url = `http://127.0.0.1:${port}`;

    await run(url, token, cfg.warmupSeconds);
    const before = await audits();
    const ours = await run(url, token, cfg.seconds);
    const audited = (await audits()) - before;

    // The floor: the same route of the same service, with the lookup answering a constant.
    const constant: CustomerView = await customers.find({ phone: phoneOf(0), purpose: 'bench floor' }, actor);
    customers.find = () => Promise.resolve(constant);
    await run(url, token, cfg.warmupSeconds);
    const floor = await run(url, token, cfg.seconds);
    await pg.end();

    const ratio = ours.requestsPerSecond / floor.requestsPerSecond;
    const verdict = ratio >= TARGET_RATIO ? 'PASS' : 'MISS';
    const row = (name: string, p: Phase) =>
      `${name.padEnd(28)} ${p.requestsPerSecond.toFixed(0).padStart(8)} ${String(p.p50).padStart(6)} ${String(p.p99).padStart(6)} ${String(p.non2xx).padStart(7)}`;
    console.log(`customer lookup by phone, ${cfg.connections} connections, ${cfg.seconds} s per side`);
    console.log(
      `${'side'.padEnd(28)} ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'non-2xx'.padStart(7)}`,
    );
    console.log(row('ours (hash, decrypt, audit)', ours));
    console.log(row('floor (constant answer)', floor));
    console.log(
      `ours / floor: ${(ratio * 100).toFixed(0)} % (target >= ${TARGET_RATIO * 100} %): ${verdict}`,
    );
    console.log(
      `audit rows written during the measured phase: ${audited} (2xx answers: ~${Math.round(ours.requestsPerSecond * cfg.seconds)})`,
    );
    mkdirSync(join(RESULT_FILE, '..'), { recursive: true });
    writeFileSync(
      RESULT_FILE,
      JSON.stringify(
        { at: new Date().toISOString(), config: cfg, ours, floor, ratio, verdict, audited },
        null,
        2,
      ),
    );
    if (ours.non2xx || ours.errors)
      throw new Error(`ours answered ${ours.non2xx} non-2xx and ${ours.errors} errors`);
  } finally {
    await svc.stop().catch(() => undefined);
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace).catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
