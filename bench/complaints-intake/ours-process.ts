// The real complaints service, started the way runService() starts it (createServiceApp + listen),
// on the bench's throwaway database and NATS namespace. Everything else is the service's defaults:
// relay in process, SLA sweeper, tracing provider (no exporter configured), metrics, auth.
import 'reflect-metadata';
import { createServiceApp } from '@cx/platform';
import { complaintsService } from '../../services/complaints/src/service';
import { serve, serviceEnv } from '../support/server-process';

serve(async (config) => {
  const svc = await createServiceApp(complaintsService, {
    env: serviceEnv(config, 256 * 1024 * 1024),
  });
  await svc.start();
  return { stop: () => svc.stop() };
});
