import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { contracts } from '@cx/contracts';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { authProviders } from '../auth';
import { BaseConfig } from '../config/config';
import { dataSourceOptions, DataSourceTransactions, migrate, Transactions } from '../database/data-source';
import { DeadLetterRepository } from '../messaging/dead-letter.repository';
import { EventPublisher } from '../messaging/event-publisher';
import { JetStreamServer } from '../messaging/jetstream.server';
import { MessagingMetrics } from '../messaging/messaging.metrics';
import { StreamConsumerMetrics } from '../messaging/stream-consumer.metrics';
import { NatsClient } from '../messaging/nats.connection';
import { NatsNaming } from '../messaging/naming';
import { OutboxRelay } from '../messaging/outbox-relay';
import { RpcClient } from '../messaging/rpc.client';
import { DEFAULT_STREAM_LIMITS } from '../messaging/streams';
import { IdempotencyKeys } from '../http/idempotency-keys';
import { databaseCheck, HealthChecks } from '../observability/health';
import { ObservabilityModule } from '../observability/observability.module';
import { AuditLog } from '../pii/audit-log';
import { PiiCipher } from '../pii/pii.cipher';
import { FileStorage } from '../storage/file-storage';
import { PostgresFileStorage } from '../storage/postgres-file-storage';
import { Clock, SystemClock } from '../time/clock';
import { DeadLetterController } from './dead-letter.controller';
import { NotificationController } from './notification.controller';
import { Notifier } from '../notify/notifier';
import { NOTIFICATION_RULES, NotificationDispatcher } from '../notify/notification.dispatcher';
import { NotificationPlanner } from '../notify/notification.planner';
import { NotificationRepository } from '../notify/notification.repository';
import { databaseUrlOf, ServiceDefinition } from './service-definition';

export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');

export interface PlatformOptions {
  registry: Registry;
  /** Apply pending migrations before connecting (tests, local dev). Production runs `migrate` as a Job. */
  migrate?: boolean;
  /** Replace the system clock (tests). */
  clock?: Clock;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /** Filled with how to close each connection the providers open, so a failed start can close them. */
  opened?: Opened[];
}

/** Resolves, once a connection is open, to its closer (undefined if opening failed). */
export type Opened = Promise<(() => Promise<void>) | undefined>;

function opening<T>(options: PlatformOptions, open: Promise<T>, close: (t: T) => Promise<void>): Promise<T> {
  options.opened?.push(
    open.then(
      (t) => () => close(t),
      () => undefined,
    ),
  );
  return open;
}

/** Starts the relay once the app is up; on shutdown stops taking work, drains, then closes connections. */
@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger('Platform');
  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsClient,
    private readonly relay: OutboxRelay,
    private readonly server: JetStreamServer,
    private readonly health: HealthChecks,
    @Inject('CX_RELAY_ENABLED') private readonly relayEnabled: boolean,
  ) {}

  private bootstrapped = false;

  onApplicationBootstrap(): void {
    // Runs for the HTTP app and again for the (deferred) microservice sharing its container.
    if (this.bootstrapped) return;
    this.bootstrapped = true;
    this.health.register('database', databaseCheck(this.dataSource));
    this.health.register('nats', async () => {
      if (!this.nats.isConnected()) throw new Error('NATS is not connected');
      await this.nats.ping();
    });
    if (this.relayEnabled) this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.health.markShuttingDown();
    await this.server.close(); // in-flight handlers finish and ack
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.log.log('closed');
  }
}

/**
 * The runtime every service shares, as one global module: config, clock, database and transactions,
 * NATS with the outbox relay and the JetStream transport, RPC client, PII cipher and audit log, the
 * Idempotency-Key store, metrics and health, auth, the notifier with its dispatcher, and the
 * dead-letter and notification admin APIs.
 */
@Module({})
export class PlatformModule {
  static forRoot(def: ServiceDefinition, config: BaseConfig, options: PlatformOptions): DynamicModule {
    const url = databaseUrlOf(def, config);
    const dbOptions = {
      url,
      entities: def.entities,
      migrations: def.migrations,
      poolSize: config.DATABASE_POOL_SIZE,
      applicationName: def.name,
      flushAfterKb: config.DATABASE_FLUSH_AFTER_KB,
    };
    return {
      module: PlatformModule,
      global: true,
      imports: [ObservabilityModule.forRoot({ registry: options.registry })],
      controllers: [DeadLetterController, NotificationController],
      providers: [
        { provide: SERVICE_DEFINITION, useValue: def },
        { provide: BaseConfig, useValue: config },
        ...(def.config === BaseConfig ? [] : [{ provide: def.config, useValue: config }]),
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: 'CX_RELAY_ENABLED', useValue: options.relay !== false },
        {
          provide: DataSource,
          useFactory: () =>
            opening(
              options,
              (async () => {
                if (options.migrate) await migrate(dbOptions);
                return new DataSource(dataSourceOptions(dbOptions)).initialize();
              })(),
              (ds) => ds.destroy(),
            ),
        },
        {
          provide: Transactions,
          useFactory: (ds: DataSource) => new DataSourceTransactions(ds),
          inject: [DataSource],
        },
        {
          provide: NatsClient,
          useFactory: () => {
            const nats = new NatsClient({
              servers: config.NATS_URL,
              name: def.name,
              naming: new NatsNaming(config.NATS_NAMESPACE),
              streamLimits: {
                ...DEFAULT_STREAM_LIMITS,
                maxBytes: config.EVENT_STREAM_MAX_BYTES,
                maxAgeMs: config.EVENT_STREAM_MAX_AGE_HOURS * 3600_000,
                replicas: config.EVENT_STREAM_REPLICAS,
              },
            });
            const open = async () => {
              await nats.connect();
              try {
                await nats.ensureStream(def.name);
              } catch (e) {
                await nats.close();
                throw e;
              }
              return nats;
            };
            return opening(options, open(), () => nats.close());
          },
        },
        {
          provide: MessagingMetrics,
          useFactory: (r: Registry, ds: DataSource) => new MessagingMetrics(r, ds),
          inject: [Registry, DataSource],
        },
        {
          provide: StreamConsumerMetrics,
          useFactory: (r: Registry, nats: NatsClient) => new StreamConsumerMetrics(r, nats, def.name),
          inject: [Registry, NatsClient],
        },
        {
          provide: EventPublisher,
          useFactory: (clock: Clock, repo: NotificationRepository) =>
            new EventPublisher(
              def.name,
              clock,
              contracts,
              def.notifications?.length ? new NotificationPlanner(def.notifications, repo, clock) : undefined,
            ),
          inject: [Clock, NotificationRepository],
        },
        {
          provide: NotificationRepository,
          useFactory: (ds: DataSource) => new NotificationRepository(ds),
          inject: [DataSource],
        },
        { provide: NOTIFICATION_RULES, useValue: def.notifications ?? [] },
        Notifier,
        NotificationDispatcher,
        {
          provide: RpcClient,
          useFactory: (nats: NatsClient) => new RpcClient(nats, contracts, def.name),
          inject: [NatsClient],
        },
        {
          provide: OutboxRelay,
          useFactory: (ds: DataSource, nats: NatsClient, m: MessagingMetrics) =>
            new OutboxRelay(ds, nats, { databaseUrl: url }, m),
          inject: [DataSource, NatsClient, MessagingMetrics],
        },
        {
          provide: JetStreamServer,
          useFactory: (nats: NatsClient, ds: DataSource, m: MessagingMetrics) =>
            new JetStreamServer(
              def.name,
              nats,
              ds,
              {
                ackWaitMs: config.CONSUMER_ACK_WAIT_MS,
                maxDeliveries: config.CONSUMER_MAX_DELIVERIES,
                retryBaseMs: config.CONSUMER_RETRY_BASE_MS,
                concurrency: config.CONSUMER_CONCURRENCY,
              },
              m,
            ),
          inject: [NatsClient, DataSource, MessagingMetrics],
        },
        {
          provide: DeadLetterRepository,
          useFactory: (ds: DataSource) => new DeadLetterRepository(ds),
          inject: [DataSource],
        },
        {
          provide: PiiCipher,
          useFactory: () => {
            const cipher = PiiCipher.fromConfig(config);
            PiiCipher.install(cipher); // TypeORM column transformers are static: they use the installed cipher
            return cipher;
          },
        },
        AuditLog,
        IdempotencyKeys,
        {
          provide: FileStorage,
          useFactory: (ds: DataSource) => new PostgresFileStorage(ds),
          inject: [DataSource],
        },
        PlatformLifecycle,
        ...authProviders(def.name, config),
      ],
      exports: [
        SERVICE_DEFINITION,
        BaseConfig,
        ...(def.config === BaseConfig ? [] : [def.config]),
        Clock,
        DataSource,
        Transactions,
        NatsClient,
        EventPublisher,
        RpcClient,
        OutboxRelay,
        JetStreamServer,
        PiiCipher,
        AuditLog,
        IdempotencyKeys,
        MessagingMetrics,
        FileStorage,
        Notifier,
        NotificationDispatcher,
      ],
    };
  }
}
