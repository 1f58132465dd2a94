// The real crm service in a child process of a crm bench, started the way runService() starts it
// (createServiceApp + listen) on the bench's throwaway database and NATS namespace, with the service's
// defaults for everything else (relay and consumers in process, scheduled jobs, metrics, auth).
//
// Variant 'lookup-floor': the same service and route, with the phone lookup answering a constant
// (the first real answer, kept): what the route costs without the hash, query, decryption and audit.
import 'reflect-metadata';
import { createServiceApp } from '@cx/platform';
import { CustomerService } from '../../services/crm/src/customer/customer.service';
import type { CustomerView } from '../../services/crm/src/customer/customer.view';
import { crmService } from '../../services/crm/src/service';
import { serve } from '../support/server-process';

serve(async (config) => {
  const svc = await createServiceApp(crmService, {
    env: {
      NODE_ENV: 'development', // dev JWT secret and PII keys; migrations run at start
      HOST: '127.0.0.1',
      PORT: String(config.port),
      DATABASE_URL: config.databaseUrl,
      DATABASE_POOL_SIZE: String(config.poolSize),
      NATS_URL: config.natsUrl,
      NATS_NAMESPACE: config.namespace,
      LOG_LEVEL: 'silent',
      EVENT_STREAM_MAX_BYTES: String(512 * 1024 * 1024),
    },
  });
  if (config.variant === 'lookup-floor') {
    const customers = svc.app.get(CustomerService);
    const find = customers.find.bind(customers);
    let constant: Promise<CustomerView> | undefined;
    customers.find = (dto, actor) => (constant ??= find(dto, actor));
  }
  await svc.start();
  return { stop: () => svc.stop() };
});
