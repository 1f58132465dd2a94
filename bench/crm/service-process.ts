// The real crm service in a child process of a crm bench, started the way runService() starts it
// (createServiceApp + listen) on the bench's throwaway database and NATS namespace, with the service's
// defaults for everything else (relay and consumers in process, scheduled jobs, metrics, auth).
//
// Variant 'lookup-floor': the same service and route, with the phone lookup answering a constant
// (the first real answer, kept): what the route costs without the hash, query, decryption and audit.
//
// BENCH_CRM_COUNT_STATEMENTS=1: counts the statements the service sends to Postgres (by their first
// words) and prints the most frequent ones when it stops, to see where round trips go.
import 'reflect-metadata';
import { createServiceApp } from '@cx/platform';
import { CustomerService } from '../../services/crm/src/customer/customer.service';
import type { CustomerView } from '../../services/crm/src/customer/customer.view';
import { crmService } from '../../services/crm/src/service';
import { serve, serviceEnv } from '../support/server-process';

function countStatements(): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const counts = new Map<string, number>();
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    const text = typeof q === 'string' ? q : ((q as { text?: string } | undefined)?.text ?? '?');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return () => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.error(`[crm service] ${total} statements sent; most frequent:`);
    for (const [k, n] of top) console.error(`[crm service] ${String(n).padStart(8)}  ${k}`);
  };
}

serve(async (config) => {
  const report = process.env.BENCH_CRM_COUNT_STATEMENTS === '1' ? countStatements() : undefined;
  const svc = await createServiceApp(crmService, {
    env: serviceEnv(config, 512 * 1024 * 1024),
  });
  if (config.variant === 'lookup-floor') {
    const customers = svc.app.get(CustomerService);
    const find = customers.find.bind(customers);
    let constant: Promise<CustomerView> | undefined;
    customers.find = (dto, actor) => (constant ??= find(dto, actor));
  }
  await svc.start();
  return {
    stop: async () => {
      await svc.stop();
      report?.();
    },
  };
});
