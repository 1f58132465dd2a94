import { DynamicModule, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply } from 'fastify';
import { BaseConfig, ConfigError, loadConfig } from '../config/config';
import { migrate } from '../database/data-source';
import { frameworkErrorProblem, problemClientErrorHandler } from '../http/client-errors';
import { setupOpenApi } from '../http/openapi';
import { ProblemDetailsFilter } from '../http/problem.filter';
import { createValidationPipe } from '../http/validation';
import { JetStreamServer } from '../messaging/jetstream.server';
import { PassThroughRpcErrors } from '../messaging/rpc-errors.filter';
import { HealthChecks } from '../observability/health';
import { registerHttpTracing, TraceContextInterceptor } from '../observability/http-tracing';
import { createLogger, PinoNestLogger } from '../observability/logger';
import { createMetricsRegistry, registerHttpMetrics } from '../observability/metrics';
import { initTracing, TracingHandle } from '../observability/tracing';
import { MULTIPART_DEFAULTS, MULTIPART_PLUGIN } from '../storage/multipart';
import { Clock } from '../time/clock';
import { Opened, PlatformModule } from './platform.module';
import { databaseUrlOf, portOf, ServiceDefinition } from './service-definition';

export interface CreateAppOptions {
  /** Environment overrides on top of process.env (tests give each app its own database and namespace). */
  env?: Record<string, string | undefined>;
  /** Apply migrations before start (default: MIGRATE_ON_START, i.e. off in production). */
  migrate?: boolean;
  clock?: Clock;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /** Set up the global tracer provider (default true; tests that bring their own exporter pass false). */
  tracing?: boolean;
}

export interface ServiceApp {
  app: NestFastifyApplication;
  config: BaseConfig;
  /** Connects the event consumers and request handlers and starts listening on HTTP. */
  start(listen?: boolean): Promise<void>;
  /** Orderly stop: readiness fails, consumers drain and ack, relay stops, connections close. */
  stop(): Promise<void>;
}

/** Builds one service as a Nest app on Fastify with everything the platform provides, not yet listening. */
export async function createServiceApp(
  def: ServiceDefinition,
  options: CreateAppOptions = {},
): Promise<ServiceApp> {
  const config = loadConfig(def.config, { ...process.env, ...options.env });
  let tracing: TracingHandle | undefined;
  if (options.tracing !== false)
    tracing = initTracing({ serviceName: def.name, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = createLogger({ level: config.LOG_LEVEL, serviceName: def.name });
  const registry = createMetricsRegistry(def.name);

  const opened: Opened[] = [];
  const root: DynamicModule = {
    module: class ServiceRootModule {},
    imports: [
      PlatformModule.forRoot(def, config, {
        registry,
        migrate: options.migrate ?? config.NODE_ENV !== 'production',
        clock: options.clock,
        relay: options.relay,
        opened,
      }),
      ...def.imports,
    ],
  };
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      root,
      new FastifyAdapter({
        trustProxy: true,
        bodyLimit: 1024 * 1024,
        // Requests the HTTP parser refuses (a URL over the header limit) get a problem document too.
        clientErrorHandler: problemClientErrorHandler,
        // And so do paths the router refuses (a parameter over 100 characters, bad percent-encoding).
        frameworkErrors: (err: FastifyError, request: { url?: string }, reply: FastifyReply) => {
          const { status, contentType, body } = frameworkErrorProblem(err, request.url);
          void reply.status(status).header('content-type', contentType).send(body);
        },
      }),
      // A provider failing while the app is built rejects here (runService reports it, a test's harness
      // cleans up) instead of Nest exiting the process.
      { logger: new PinoNestLogger(logger), bufferLogs: true, abortOnError: false },
    );
  } catch (e) {
    // Close what the providers opened before the failure (database pool, NATS), once it is open.
    for (const close of await Promise.all(opened)) await close?.().catch(() => undefined);
    await tracing?.shutdown();
    throw e;
  }
  app.setGlobalPrefix('api/v1', { exclude: ['metrics', 'health/live', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(new TraceContextInterceptor());
  // Multipart bodies are parsed only by routes that read a file part (readFilePart), with their own limit.
  await app.register(MULTIPART_PLUGIN, MULTIPART_DEFAULTS);
  const fastify = app.getHttpAdapter().getInstance();
  registerHttpTracing(fastify);
  registerHttpMetrics(fastify, registry);
  setupOpenApi(app, { title: def.title, version: def.version, description: def.description });

  // Deferred, so the filter below is in place before the handlers are bound.
  const microservice = app.connectMicroservice(
    { strategy: app.get(JetStreamServer) },
    { deferInitialization: true },
  );
  microservice.useGlobalFilters(new PassThroughRpcErrors());

  let stopped: Promise<void> | undefined;
  return {
    app,
    config,
    async start(listen = true) {
      await app.startAllMicroservices();
      if (listen) await app.listen({ port: portOf(def, config), host: config.HOST });
      else {
        await app.init();
        await fastify.ready();
      }
    },
    stop() {
      stopped ??= (async () => {
        app.get(HealthChecks).markShuttingDown();
        await app.close();
        await tracing?.shutdown();
      })();
      return stopped;
    },
  };
}

/** `main.ts` of every service: start, print where it listens, stop cleanly on SIGTERM/SIGINT. */
export async function runService(def: ServiceDefinition): Promise<void> {
  const log = new Logger(def.name);
  let service: ServiceApp;
  try {
    service = await createServiceApp(def);
    await service.start();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`${def.name}: ${e.message}`);
      process.exit(78); // EX_CONFIG
    }
    console.error(`${def.name} failed to start:`, e);
    process.exit(1);
  }
  const port = portOf(def, service.config);
  log.log(
    `${def.name} listening on http://${service.config.HOST}:${port} (API /api/v1, docs /docs, health /health/ready, metrics /metrics)`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn(`second ${signal}: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.log(`${signal}: draining (readiness now fails, in-flight work finishes)`);
    service.app.get(HealthChecks).markShuttingDown();
    const grace = service.config.SHUTDOWN_GRACE_MS;
    // Give load balancers a moment to see readiness fail before connections close.
    await new Promise((r) =>
      setTimeout(r, Math.min(grace / 4, service.config.NODE_ENV === 'production' ? 5_000 : 0)),
    );
    const timer = setTimeout(() => {
      log.error(`did not stop within ${grace} ms; exiting`);
      process.exit(1);
    }, grace);
    timer.unref();
    await service.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** `migrate.ts` of every service: create the database if missing, apply migrations, exit. */
export async function runMigrations(def: ServiceDefinition): Promise<void> {
  try {
    const config = loadConfig(def.config);
    const applied = await migrate({
      url: databaseUrlOf(def, config),
      entities: def.entities,
      migrations: def.migrations,
      applicationName: `${def.name}-migrate`,
    });
    console.log(`${def.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
    process.exit(0);
  } catch (e) {
    console.error(`${def.name}: migration failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(e instanceof ConfigError ? 78 : 1);
  }
}
