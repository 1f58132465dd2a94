import { Controller, Get, Injectable, Logger, Res, SetMetadata } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { HealthCheckView, LivenessView, ReadinessView } from './health.view';
import { PUBLIC_ROUTE } from './metrics';

export type HealthCheck = () => Promise<void>;

export interface HealthCheckResult {
  status: 'up' | 'down';
  /** Why it is down; details go to the log, not to this public endpoint. */
  reason?: 'failed' | 'timeout';
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable' | 'shutting_down';
  checks: Record<string, HealthCheckResult>;
}

/** Default limit for one check; a probe must answer before the kubelet's own timeout. */
export const DEFAULT_CHECK_TIMEOUT_MS = 3000;

/**
 * The readiness checks of this process (database, NATS, ...), registered by whoever owns the resource,
 * and the shutting-down flag that makes the load balancer drain the pod before it stops.
 */
@Injectable()
export class HealthChecks {
  private readonly logger = new Logger('Health');
  private readonly checks = new Map<string, { check: HealthCheck; timeoutMs: number }>();
  private readonly lastStatus = new Map<string, HealthCheckResult['status']>();
  private shuttingDown = false;

  register(name: string, check: HealthCheck, options: { timeoutMs?: number } = {}): void {
    if (this.checks.has(name)) throw new Error(`Health check "${name}" is already registered`);
    this.checks.set(name, { check, timeoutMs: options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS });
  }

  unregister(name: string): void {
    this.checks.delete(name);
    this.lastStatus.delete(name);
  }

  /** Called first on SIGTERM: readiness fails at once so no new traffic arrives while work drains. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async readiness(): Promise<ReadinessReport> {
    if (this.shuttingDown) return { status: 'shutting_down', checks: {} };
    const entries = [...this.checks.entries()];
    const results = await Promise.all(
      entries.map(([name, { check, timeoutMs }]) => this.run(name, check, timeoutMs)),
    );
    const checks: Record<string, HealthCheckResult> = {};
    entries.forEach(([name], i) => (checks[name] = results[i]));
    return { status: results.every((r) => r.status === 'up') ? 'ok' : 'unavailable', checks };
  }

  private async run(name: string, check: HealthCheck, timeoutMs: number): Promise<HealthCheckResult> {
    let result: HealthCheckResult;
    try {
      await withTimeout(check(), timeoutMs, `health check "${name}"`);
      result = { status: 'up' };
    } catch (err) {
      result = { status: 'down', reason: err instanceof TimeoutError ? 'timeout' : 'failed' };
      // Log on the transition only: probes run every few seconds.
      if (this.lastStatus.get(name) !== 'down')
        this.logger.warn(
          `Health check "${name}" is down: ${err instanceof Error ? err.message : String(err)}`,
        );
    }
    if (result.status === 'up' && this.lastStatus.get(name) === 'down')
      this.logger.log(`Health check "${name}" is up again`);
    this.lastStatus.set(name, result.status);
    return result;
  }
}

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `SELECT 1` on the service's database, failing after 2 s (a saturated pool counts as not ready). */
export function databaseCheck(dataSource: DataSource, timeoutMs = 2000): HealthCheck {
  return async () => {
    if (!dataSource.isInitialized) throw new Error('database connection is not initialized');
    await withTimeout(dataSource.query('SELECT 1'), timeoutMs, 'SELECT 1');
  };
}

/**
 * `GET /health/live`: 200 while the process runs and is not shutting down.
 * `GET /health/ready`: 200 when every registered check passes, else 503 with each check's status.
 */
@Controller('health')
@SetMetadata(PUBLIC_ROUTE, true)
@ApiSecurity({}) // documented as needing no token, as @Public() does
@ApiExtraModels(HealthCheckView)
export class HealthController {
  constructor(private readonly health: HealthChecks) {}

  @Get('live')
  @SetMetadata(PUBLIC_ROUTE, true)
  @ApiOperation({ summary: 'Liveness: the process runs and is not shutting down' })
  @ApiOkResponse({ type: LivenessView })
  @ApiResponse({ status: 503, type: LivenessView, description: 'Shutting down' })
  live(@Res() reply: FastifyReply): void {
    const body = this.health.isShuttingDown ? { status: 'shutting_down' } : { status: 'ok' };
    void reply
      .code(this.health.isShuttingDown ? 503 : 200)
      .header('cache-control', 'no-store')
      .send(body);
  }

  @Get('ready')
  @SetMetadata(PUBLIC_ROUTE, true)
  @ApiOperation({ summary: 'Readiness: every registered check (database, NATS, ...) passes' })
  @ApiOkResponse({ type: ReadinessView })
  @ApiResponse({ status: 503, type: ReadinessView, description: 'A check failed, or shutting down' })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.readiness();
    void reply
      .code(report.status === 'ok' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(report);
  }
}
