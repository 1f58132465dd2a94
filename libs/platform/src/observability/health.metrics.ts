import { Gauge, Registry } from 'prom-client';
import { HealthChecks } from './health';

export const HEALTH_CHECK_METRIC = 'health_check_up';

/**
 * `health_check_up{check}`: 1 when the readiness check passes, 0 when it fails or times out, run at
 * each scrape (the same checks as `/health/ready`, so an alert sees what the load balancer sees).
 * `check` is the registered name: `database` (Postgres), `nats`.
 */
export function registerHealthMetrics(registry: Registry, health: HealthChecks): Gauge<'check'> {
  const existing = registry.getSingleMetric(HEALTH_CHECK_METRIC) as Gauge<'check'> | undefined;
  if (existing) return existing;
  return new Gauge({
    name: HEALTH_CHECK_METRIC,
    help: 'Readiness checks of this process (database, nats): 1 passing, 0 failing or timed out',
    labelNames: ['check'],
    registers: [registry],
    async collect() {
      const report = await health.readiness();
      this.reset();
      for (const [check, result] of Object.entries(report.checks))
        this.set({ check }, result.status === 'up' ? 1 : 0);
    },
  });
}
