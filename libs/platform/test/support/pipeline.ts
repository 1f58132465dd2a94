// A real event pipeline for tests: a producer database with outbox and relay, a consumer database with
// inbox and a handler that records what it applied. Used in-process by the integration tests and as
// child processes by the fault tests.
import 'reflect-metadata';
import { PurchaseRecordedV1, sampleFor, Subjects } from '@cx/contracts';
import { createTestDatabase } from '@cx/testing';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { dataSourceOptions, insertValues, migrate } from '../../src/database';
import {
  ConsumerOptions,
  DEFAULT_STREAM_LIMITS,
  EventContext,
  EventPublisher,
  JetStreamServer,
  MessagingMetrics,
  NatsClient,
  NatsNaming,
  OnEvent,
  OutboxRelay,
  PassThroughRpcErrors,
  RelayOptions,
} from '../../src/messaging';
import { SystemClock } from '../../src/time';

// Lives in @cx/testing now (the service harness uses it); re-exported for what imports it from here.
export { deleteNamespaceStreams } from '@cx/testing';

export const TEST_EVENT = Subjects.crm.purchaseRecorded;
export const TEST_STREAM_LIMITS = { ...DEFAULT_STREAM_LIMITS, maxBytes: 64 * 1024 ** 2 };

class AppliedTable1763800000001 implements MigrationInterface {
  name = 'AppliedTable1763800000001';
  async up(q: QueryRunner): Promise<void> {
    // No unique key on purpose: a message applied twice shows up as two rows.
    await q.query(`CREATE TABLE applied (n bigserial PRIMARY KEY, message_id uuid NOT NULL, aggregate_id text NOT NULL,
      order_id text NOT NULL, delivery int NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE applied');
  }
}

export interface PipelineDatabases {
  producerUrl: string;
  consumerUrl: string;
  drop(): Promise<void>;
}

export async function preparePipelineDatabases(
  serverUrl?: string,
  prefix = 'cx_',
): Promise<PipelineDatabases> {
  return preparePipelineDatabasesOn(serverUrl, serverUrl, prefix);
}

/** Like preparePipelineDatabases, with the producer and the consumer database on different servers (fault tests break one of them). */
export async function preparePipelineDatabasesOn(
  producerServerUrl: string | undefined,
  consumerServerUrl: string | undefined,
  prefix = 'cx_',
): Promise<PipelineDatabases> {
  const producer = await createTestDatabase(producerServerUrl, `${prefix}prod_`);
  const consumer = await createTestDatabase(consumerServerUrl, `${prefix}cons_`);
  await migrate({ url: producer.url });
  await migrate({ url: consumer.url, migrations: [AppliedTable1763800000001] });
  return {
    producerUrl: producer.url,
    consumerUrl: consumer.url,
    async drop() {
      await producer.drop();
      await consumer.drop();
    },
  };
}

export function purchase(aggregateId: string, orderId: string): PurchaseRecordedV1 {
  return { ...sampleFor(TEST_EVENT), customerId: aggregateId, orderId };
}

export class Producer {
  private constructor(
    readonly ds: DataSource,
    readonly nats: NatsClient,
    readonly publisher: EventPublisher,
    readonly relay: OutboxRelay,
  ) {}

  static async start(opts: {
    dbUrl: string;
    natsUrl: string;
    namespace: string;
    relay?: Partial<RelayOptions>;
    startRelay?: boolean;
  }): Promise<Producer> {
    const ds = await new DataSource(dataSourceOptions({ url: opts.dbUrl, poolSize: 10 })).initialize();
    const nats = new NatsClient({
      servers: opts.natsUrl,
      name: 'test-producer',
      naming: new NatsNaming(opts.namespace),
      streamLimits: TEST_STREAM_LIMITS,
    });
    await nats.connect();
    await nats.ensureStream('crm');
    const relay = new OutboxRelay(ds, nats, { databaseUrl: opts.dbUrl, pollIntervalMs: 200, ...opts.relay });
    if (opts.startRelay !== false) relay.start();
    return new Producer(ds, nats, new EventPublisher('crm', new SystemClock()), relay);
  }

  /** Commits one transaction holding the given events (aggregate id, order id). */
  async commit(events: [string, string][]): Promise<void> {
    await this.ds.transaction(async (em) => {
      await this.publisher.publishAll(
        em,
        events.map(([agg, order]) => ({ type: TEST_EVENT, aggregateId: agg, data: purchase(agg, order) })),
      );
    });
  }

  async close(): Promise<void> {
    await this.relay.stop();
    await this.nats.close();
    await this.ds.destroy();
  }
}

/** What the test handler does, per order id: fail a number of times, always fail, or be slow. */
export const behaviour = {
  failTimes: new Map<string, number>(),
  alwaysFail: new Set<string>(),
  delayMs: 0,
  attempts: new Map<string, number>(),
  /** Order ids whose statement fails in Postgres (on every delivery). */
  badWrite: new Set<string>(),
  /** Order ids for which the writeOnly handler uses ctx.em anyway. */
  useEm: new Set<string>(),
  /** Called with the order id once the transaction that applied it has committed (ctx.onCommit). */
  onCommit: undefined as ((orderId: string) => void) | undefined,
  /** The handler queues its row with insertValues(): a write-only batch joins the rows (ADR 0036). */
  joinRows: false,
  /** A pool the handler reads through (a second connection) before it writes, as a cached read's loader does. */
  readThroughPool: undefined as DataSource | undefined,
  /** Called first thing in the handler, with its order id (a test looks at the handler's active context). */
  onHandle: undefined as ((orderId: string) => void) | undefined,
};

/**
 * The test handler: records what it applied in `applied`. `writeOnly` declares it a projection that only
 * queues its statement (ctx.write), so the transport applies batches in one round trip (ADR 0010);
 * otherwise it writes through ctx.em. `behaviour` makes it fail or wait, in both styles alike.
 */
export type HandlerStyle = 'em' | 'writeOnly';

async function testHandler(data: PurchaseRecordedV1, ctx: EventContext, style: HandlerStyle): Promise<void> {
  behaviour.onHandle?.(data.orderId);
  const n = (behaviour.attempts.get(data.orderId) ?? 0) + 1;
  behaviour.attempts.set(data.orderId, n);
  if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
  if (behaviour.readThroughPool) await behaviour.readThroughPool.query('SELECT pg_sleep(0.02)');
  if (behaviour.alwaysFail.has(data.orderId)) throw new Error(`handler refuses ${data.orderId}`);
  const fails = behaviour.failTimes.get(data.orderId) ?? 0;
  if (n <= fails) throw new Error(`transient failure ${n} of ${fails} for ${data.orderId}`);
  if (style === 'writeOnly' && behaviour.useEm.has(data.orderId)) await ctx.em.query('SELECT 1'); // breaks its declaration
  const head = 'INSERT INTO applied (message_id, aggregate_id, order_id, delivery)';
  const sql = `${head} VALUES ($1, $2, $3, $4)`;
  const delivery = behaviour.badWrite.has(data.orderId) ? 'not a number' : ctx.delivery.deliveryCount;
  const params = [ctx.envelope.id, ctx.envelope.aggregateId, data.orderId, delivery];
  if (style === 'writeOnly' && behaviour.joinRows)
    ctx.write(insertValues(head, '($1, $2, $3, $4)', '', params));
  else if (style === 'writeOnly') ctx.write(sql, params);
  else await ctx.em.query(sql, params);
  ctx.onCommit(() => behaviour.onCommit?.(data.orderId));
}

@Controller()
class TestHandlers {
  @OnEvent(TEST_EVENT)
  onPurchase(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    return testHandler(data, ctx, 'em');
  }
}

@Controller()
class WriteOnlyTestHandlers {
  @OnEvent(TEST_EVENT, { writeOnly: true })
  onPurchase(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    return testHandler(data, ctx, 'writeOnly');
  }
}

@Module({ controllers: [TestHandlers] })
class ConsumerModule {}

@Module({ controllers: [WriteOnlyTestHandlers] })
class WriteOnlyConsumerModule {}

const consumerModule = (style: HandlerStyle | undefined) =>
  style === 'writeOnly' ? WriteOnlyConsumerModule : ConsumerModule;

export class Consumer {
  private constructor(
    readonly app: Awaited<ReturnType<typeof NestFactory.createMicroservice>>,
    readonly server: JetStreamServer,
    readonly ds: DataSource,
    readonly nats: NatsClient,
  ) {}

  static async start(opts: {
    dbUrl: string;
    natsUrl: string;
    namespace: string;
    options?: Partial<ConsumerOptions>;
    handler?: HandlerStyle;
    poolSize?: number;
  }): Promise<Consumer> {
    const ds = await new DataSource(
      dataSourceOptions({ url: opts.dbUrl, poolSize: opts.poolSize ?? 20 }),
    ).initialize();
    const nats = new NatsClient({
      servers: opts.natsUrl,
      name: 'test-consumer',
      naming: new NatsNaming(opts.namespace),
      streamLimits: TEST_STREAM_LIMITS,
    });
    await nats.connect();
    const server = new JetStreamServer('complaints', nats, ds, {
      retryBaseMs: 50,
      retryMaxMs: 200,
      ...opts.options,
    });
    const app = await NestFactory.createMicroservice(consumerModule(opts.handler), {
      strategy: server,
      logger: false,
    });
    app.useGlobalFilters(new PassThroughRpcErrors());
    await app.listen();
    return new Consumer(app, server, ds, nats);
  }

  /** Consumer.start with the messaging metrics on a registry of its own, so a test can count redeliveries and outcomes. */
  static async startWithMetrics(opts: {
    dbUrl: string;
    natsUrl: string;
    namespace: string;
    options?: Partial<ConsumerOptions>;
    handler?: HandlerStyle;
  }): Promise<{ consumer: Consumer; metrics: MessagingMetrics; registry: Registry }> {
    const registry = new Registry();
    const metrics = new MessagingMetrics(registry);
    const ds = await new DataSource(dataSourceOptions({ url: opts.dbUrl, poolSize: 20 })).initialize();
    const nats = new NatsClient({
      servers: opts.natsUrl,
      name: 'test-consumer',
      naming: new NatsNaming(opts.namespace),
      streamLimits: TEST_STREAM_LIMITS,
    });
    await nats.connect();
    const server = new JetStreamServer(
      'complaints',
      nats,
      ds,
      { retryBaseMs: 50, retryMaxMs: 200, ...opts.options },
      metrics,
    );
    const app = await NestFactory.createMicroservice(consumerModule(opts.handler), {
      strategy: server,
      logger: false,
    });
    app.useGlobalFilters(new PassThroughRpcErrors());
    await app.listen();
    return { consumer: new Consumer(app, server, ds, nats), metrics, registry };
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.nats.close();
    await this.ds.destroy();
  }
}

export interface Counts {
  applied: number;
  distinct: number;
  duplicates: number;
  deadLetters: number;
}

export async function countsIn(consumerUrl: string): Promise<Counts & { orders: Map<string, string[]> }> {
  const c = new Client({ connectionString: consumerUrl });
  await c.connect();
  try {
    // One snapshot for every figure, so counts and rows agree while messages keep arriving.
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const rows = await c.query<{ message_id: string; aggregate_id: string; order_id: string }>(
      `SELECT message_id, aggregate_id, order_id FROM applied ORDER BY n`,
    );
    const d = await c.query<{ n: string }>(`SELECT count(*) AS n FROM dead_letter`);
    await c.query('COMMIT');
    const orders = new Map<string, string[]>();
    for (const r of rows.rows)
      orders.set(r.aggregate_id, [...(orders.get(r.aggregate_id) ?? []), r.order_id]);
    const applied = rows.rows.length;
    const distinct = new Set(rows.rows.map((r) => r.message_id)).size;
    return { applied, distinct, duplicates: applied - distinct, deadLetters: Number(d.rows[0].n), orders };
  } finally {
    await c.end();
  }
}

export async function outboxPending(producerUrl: string): Promise<number> {
  const c = new Client({ connectionString: producerUrl });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`);
    return Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

/** The Jepsen-style tally every fault test prints. */
export function report(name: string, tally: Record<string, number>): void {
  console.log(
    `[fault] ${name}: ${Object.entries(tally)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
}
