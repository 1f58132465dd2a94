// The real complaints service, started the way runService() starts it (createServiceApp + listen),
// on the bench's throwaway database and NATS namespace. Everything else is the service's defaults:
// relay in process, SLA sweeper, tracing provider (no exporter configured), metrics, auth.
// BENCH_INTAKE_TRACE_FILE: also write a per-request trace there when stopped (bench/support/request-trace.ts);
// BENCH_INTAKE_ALLOC_PROFILE: an allocation profile, freed objects included (bench/support/alloc-profile.ts);
// BENCH_INTAKE_ALLOC_SURVIVORS=1: only what is still in the heap at the end; =scavenges: what no scavenge freed
// (what the young generation copied and promoted, whether a full collection freed it later or not).
import 'reflect-metadata';
import { createServiceApp } from '@cx/platform';
import { complaintsService } from '../../services/complaints/src/service';
import { startAllocationProfile } from '../support/alloc-profile';
import { startTrace } from '../support/request-trace';
import { serve, serviceEnv } from '../support/server-process';

serve(async (config) => {
  const svc = await createServiceApp(complaintsService, {
    env: serviceEnv(config, 256 * 1024 * 1024),
  });
  const traceFile = process.env.BENCH_INTAKE_TRACE_FILE;
  const trace = traceFile ? startTrace(traceFile, svc.app.getHttpAdapter().getInstance()) : undefined;
  await svc.start();
  const allocFile = process.env.BENCH_INTAKE_ALLOC_PROFILE;
  const survivors =
    ({ '1': 'all', scavenges: 'scavenges' } as const)[process.env.BENCH_INTAKE_ALLOC_SURVIVORS ?? ''] ??
    'none';
  // BENCH_INTAKE_ALLOC_AFTER_SECONDS: start the profile that long after listening (only the paced phase, say).
  const afterMs = Number(process.env.BENCH_INTAKE_ALLOC_AFTER_SECONDS ?? 0) * 1000;
  const alloc = allocFile ? startAllocationProfile(allocFile, survivors, afterMs) : undefined;
  return {
    stop: async () => {
      trace?.write();
      await alloc?.stop();
      await svc.stop();
    },
  };
});
