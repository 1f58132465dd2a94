// The real complaints service, started the way runService() starts it (createServiceApp + listen),
// on the bench's throwaway database and NATS namespace. Everything else is the service's defaults:
// relay in process, SLA sweeper, tracing provider (no exporter configured), metrics, auth.
import 'reflect-metadata';
import { createServiceApp } from '@cx/platform';
import { complaintsService } from '../../services/complaints/src/service';
import { serve } from '../support/server-process';

serve(async (config) => {
  const svc = await createServiceApp(complaintsService, {
    env: {
      NODE_ENV: 'development', // dev JWT secret and PII keys; migrations run at start
      HOST: '127.0.0.1',
      PORT: String(config.port),
      DATABASE_URL: config.databaseUrl,
      DATABASE_POOL_SIZE: String(config.poolSize),
      NATS_URL: config.natsUrl,
      NATS_NAMESPACE: config.namespace,
      LOG_LEVEL: 'silent',
      EVENT_STREAM_MAX_BYTES: String(256 * 1024 * 1024),
    },
  });
  await svc.start();
  return { stop: () => svc.stop() };
});
