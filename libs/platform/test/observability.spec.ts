import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  Logger,
  Module,
  Param,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../src/database/data-source';
import { AuditLog } from '../src/pii/audit-log';
import { databaseCheck, HealthChecks } from '../src/observability/health';
import { registerHttpTracing, TraceContextInterceptor } from '../src/observability/http-tracing';
import { createLogger, PinoNestLogger } from '../src/observability/logger';
import { createMetricsRegistry, PUBLIC_ROUTE, registerHttpMetrics } from '../src/observability/metrics';
import { ObservabilityModule } from '../src/observability/observability.module';
import {
  currentTraceId,
  initTracing,
  injectTraceHeaders,
  TracingHandle,
  withSpan,
} from '../src/observability/tracing';

const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = `cx_test_obs_${randomBytes(4).toString('hex')}`;
const dbUrl = `${PG}/${dbName}`;

// Stands in for the auth guard: everything needs a token unless marked with PUBLIC_ROUTE.
@Injectable()
class TokenGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(ctx: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [ctx.getHandler(), ctx.getClass()]))
      return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string> }>();
    if (req.headers.authorization !== 'Bearer ok') throw new UnauthorizedException();
    return true;
  }
}

@Controller('things')
class ThingsController {
  private readonly logger = new Logger('Things');
  constructor(private readonly audit: AuditLog) {}

  @Get(':id')
  async get(@Param('id') id: string) {
    await new Promise((r) => setTimeout(r, 5));
    this.logger.log(`read thing ${id}`);
    return { id, traceId: currentTraceId(), headers: injectTraceHeaders() };
  }

  @Post(':id')
  async update(@Param('id') id: string, @Body() body: { name: string }) {
    return withSpan('save thing', {}, async () => {
      await this.audit.record({
        actor: { sub: 'u1', roles: ['agent'] },
        action: 'update',
        subjectType: 'thing',
        subjectId: id,
        fields: Object.keys(body),
      });
      this.logger.log(`updated thing ${id}`);
      return { id, traceId: currentTraceId(), headers: injectTraceHeaders() };
    });
  }
}

describe('HTTP observability in a Nest Fastify app', () => {
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let exporter: InMemorySpanExporter;
  let tracing: TracingHandle;
  let registry: Registry;
  let health: HealthChecks;
  let natsUp = true;
  let base = '';
  let tickTimer: NodeJS.Timeout | undefined;
  const http = async (
    method: string,
    path: string,
    options: { headers?: Record<string, string>; payload?: unknown } = {},
  ) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(options.payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.payload ? JSON.stringify(options.payload) : undefined,
    });
    const text = await res.text();
    return {
      statusCode: res.status,
      headers: Object.fromEntries(res.headers.entries()),
      body: text,
      json: <T = unknown>() => JSON.parse(text) as T,
    };
  };
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    exporter = new InMemorySpanExporter();
    tracing = initTracing({ serviceName: 'things', exporter });
    await migrate({ url: dbUrl });
    dataSource = new DataSource(dataSourceOptions({ url: dbUrl, poolSize: 4 }));
    await dataSource.initialize();

    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        cb();
      },
    });
    const logger = createLogger({ level: 'debug', serviceName: 'things', destination });
    registry = createMetricsRegistry('things');
    health = new HealthChecks();
    health.register('database', databaseCheck(dataSource));
    health.register('nats', () => (natsUp ? Promise.resolve() : Promise.reject(new Error('nats is down'))));

    @Module({
      imports: [ObservabilityModule.forRoot({ registry, healthChecks: health })],
      controllers: [ThingsController],
      providers: [
        { provide: DataSource, useValue: dataSource },
        AuditLog,
        { provide: APP_GUARD, useClass: TokenGuard },
      ],
    })
    class AppModule {}

    app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
    });
    app.setGlobalPrefix('api/v1', { exclude: ['metrics', 'health/live', 'health/ready'] });
    app.useGlobalInterceptors(new TraceContextInterceptor());
    const fastify = app.getHttpAdapter().getInstance();
    registerHttpTracing(fastify);
    registerHttpMetrics(fastify, registry);
    // Like a hook waiting on a shared client (rate limiter, pool): it resumes in the context of whoever
    // created that client, here a timer started outside any request, so the request's context is lost.
    const ticker = new EventEmitter();
    tickTimer = setInterval(() => ticker.emit('tick'), 5);
    fastify.addHook('preHandler', (request, _reply, done) => {
      if (request.headers['x-defer']) ticker.once('tick', () => done());
      else done();
    });
    // A real socket: light-my-request (app.inject) pulls in an ESM-only dependency Jest cannot load here.
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    clearInterval(tickTimer);
    await app?.close();
    await dataSource?.destroy();
    await tracing?.shutdown();
    const admin = new Client({ connectionString: `${PG}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });

  beforeEach(() => exporter.reset());

  const incomingTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const incomingSpanId = '00f067aa0ba902b7';
  const traceparent = `00-${incomingTraceId}-${incomingSpanId}-01`;

  it('continues the caller trace: server span, handler spans, audit row and outgoing headers share it', async () => {
    const res = await http('POST', '/api/v1/things/42', {
      headers: { traceparent, authorization: 'Bearer ok', 'content-type': 'application/json' },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ traceId: string; headers: Record<string, string> }>();

    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    const child = spans.find((s) => s.name === 'save thing')!;
    expect(server.name).toBe('POST /api/v1/things/:id');
    expect(server.spanContext().traceId).toBe(incomingTraceId);
    expect(server.parentSpanContext?.spanId).toBe(incomingSpanId);
    expect(server.attributes['http.route']).toBe('/api/v1/things/:id');
    expect(server.attributes['http.response.status_code']).toBe(201);
    // The handler ran after the body was read asynchronously, and still sees the server span.
    expect(child.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(child.spanContext().traceId).toBe(incomingTraceId);

    expect(body.traceId).toBe(incomingTraceId);
    expect(body.headers.traceparent).toBe(`00-${incomingTraceId}-${child.spanContext().spanId}-01`);
    expect(res.headers.traceparent).toBe(`00-${incomingTraceId}-${server.spanContext().spanId}-01`);

    const rows: { trace_id: string }[] = await dataSource.query(
      `SELECT trace_id FROM audit_log WHERE subject_type = 'thing' AND subject_id = '42'`,
    );
    expect(rows).toEqual([{ trace_id: incomingTraceId }]);
  });

  it('restores the span for the handler when a hook before it resumed from another async context', async () => {
    const res = await http('GET', '/api/v1/things/44', {
      headers: { traceparent, authorization: 'Bearer ok', 'x-defer': '1' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ traceId: string }>().traceId).toBe(incomingTraceId);
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(res.json<{ headers: Record<string, string> }>().headers.traceparent).toBe(
      `00-${incomingTraceId}-${server.spanContext().spanId}-01`,
    );
  });

  it('keeps the span for a handler whose body arrived in later packets', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('{"name":'));
        await new Promise((r) => setTimeout(r, 50));
        controller.enqueue(encoder.encode('"slow"}'));
        controller.close();
      },
    });
    const res = await fetch(`${base}/api/v1/things/43`, {
      method: 'POST',
      headers: { traceparent, authorization: 'Bearer ok', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    });
    expect(res.status).toBe(201);
    const json = (await res.json()) as { traceId: string };
    expect(json.traceId).toBe(incomingTraceId);
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    const child = exporter.getFinishedSpans().find((s) => s.name === 'save thing')!;
    expect(child.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
  });

  it('gives a GET handler the server span as parent context and logs with its trace id', async () => {
    const res = await http('GET', '/api/v1/things/7', { headers: { authorization: 'Bearer ok' } });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ traceId: string; headers: Record<string, string> }>();
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(server.name).toBe('GET /api/v1/things/:id');
    expect(server.parentSpanContext).toBeUndefined(); // no incoming traceparent: a new trace
    expect(body.traceId).toBe(server.spanContext().traceId);
    expect(body.headers.traceparent).toBe(
      `00-${server.spanContext().traceId}-${server.spanContext().spanId}-01`,
    );

    const line = lines.find((l) => l.msg === 'read thing 7')!;
    expect(line).toMatchObject({
      level: 'info',
      service: 'things',
      context: 'Things',
      trace_id: server.spanContext().traceId,
      span_id: server.spanContext().spanId,
    });
    expect(typeof line.time).toBe('string');
  });

  it('names the span of an unmatched request by method only and still answers with traceparent', async () => {
    const res = await http('GET', '/nowhere/at/all');
    expect(res.statusCode).toBe(404);
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(server.name).toBe('GET');
    expect(res.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('serves /metrics without a token, with the HTTP histogram by route pattern', async () => {
    await http('GET', '/api/v1/things/1', { headers: { authorization: 'Bearer ok' } });
    await http('GET', '/api/v1/things/2', { headers: { authorization: 'Bearer ok' } });
    await http('GET', '/api/v1/things/3'); // 401
    const res = await http('GET', '/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    const count = (labels: RegExp) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith('http_server_request_duration_seconds_count{') && labels.test(l))
          ?.split(' ')
          .pop(),
      );
    expect(count(/method="GET",route="\/api\/v1\/things\/:id",status_code="200"/)).toBeGreaterThanOrEqual(2);
    expect(count(/route="\/api\/v1\/things\/:id",status_code="401"/)).toBeGreaterThanOrEqual(1);
    expect(count(/route="unmatched",status_code="404"/)).toBeGreaterThanOrEqual(1);
    expect(text).toContain('le="0.005"');
    expect(text).toContain('le="5"');
    expect(text).toMatch(/service="things"/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).not.toContain('/api/v1/things/1"');
  });

  it('answers /health/live and /health/ready without a token', async () => {
    const live = await http('GET', '/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await http('GET', '/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, nats: { status: 'up' } },
    });
  });

  it('answers 503 from /health/ready when a check fails, with each check status', async () => {
    natsUp = false;
    try {
      const ready = await http('GET', '/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({
        status: 'unavailable',
        checks: { database: { status: 'up' }, nats: { status: 'down', reason: 'failed' } },
      });
    } finally {
      natsUp = true;
    }
    expect((await http('GET', '/health/ready')).statusCode).toBe(200);
  });

  it('answers 503 from ready (and live) once shutting down', async () => {
    health.markShuttingDown();
    const ready = await http('GET', '/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'shutting_down' });
    const live = await http('GET', '/health/live');
    expect(live.statusCode).toBe(503);
  });
});

describe('HealthChecks', () => {
  it('reports a check that hangs as a timeout', async () => {
    const checks = new HealthChecks();
    checks.register('slow', () => new Promise(() => undefined), { timeoutMs: 50 });
    checks.register('fine', () => Promise.resolve());
    await expect(checks.readiness()).resolves.toEqual({
      status: 'unavailable',
      checks: { slow: { status: 'down', reason: 'timeout' }, fine: { status: 'up' } },
    });
  });

  it('fails the database check on a closed data source', async () => {
    const ds = new DataSource(dataSourceOptions({ url: `${PG}/postgres` }));
    await expect(databaseCheck(ds)()).rejects.toThrow('not initialized');
  });
});
