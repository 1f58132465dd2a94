import { DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HealthChecks, HealthController } from './health';
import { registerHealthMetrics } from './health.metrics';
import { MetricsController } from './metrics';

/**
 * `/metrics`, `/health/live` and `/health/ready` for one app: provides the app's prom-client Registry
 * (class token `Registry`) and HealthChecks to every module (global), so the outbox relay, consumers and
 * domain code can register their metrics and checks by injection.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: { registry: Registry; healthChecks?: HealthChecks }): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [MetricsController, HealthController],
      providers: [
        { provide: Registry, useValue: options.registry },
        options.healthChecks ? { provide: HealthChecks, useValue: options.healthChecks } : HealthChecks,
        {
          provide: 'CX_HEALTH_METRICS',
          useFactory: (r: Registry, h: HealthChecks) => registerHealthMetrics(r, h),
          inject: [Registry, HealthChecks],
        },
      ],
      exports: [Registry, HealthChecks],
    };
  }
}
