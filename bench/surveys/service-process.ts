// The real surveys service in a child process of a surveys bench, started the way runService() starts
// it (createServiceApp + listen) on the bench's throwaway database and NATS namespace.
import 'reflect-metadata';
import { createServiceApp } from '@cx/platform';
import { surveysService } from '../../services/surveys/src/service';
import { serve } from '../support/server-process';

serve(async (config) => {
  const svc = await createServiceApp(surveysService, {
    env: {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(config.port),
      DATABASE_URL: config.databaseUrl,
      DATABASE_POOL_SIZE: String(config.poolSize),
      NATS_URL: config.natsUrl,
      NATS_NAMESPACE: config.namespace,
      LOG_LEVEL: 'silent',
      EVENT_STREAM_MAX_BYTES: String(512 * 1024 * 1024),
      // The scores bench seeds a quarter of answers and waits for the rollup job to catch up (ADR 0024).
      SURVEY_ROLLUP_INTERVAL_MS: '2000',
    },
  });
  await svc.start();
  return { stop: () => svc.stop() };
});
