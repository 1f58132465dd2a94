// The consuming service of the event-pipeline bench, run as its own process (as it is in production):
// a Nest microservice on JetStreamServer with one @OnEvent handler that inserts one row through the
// handler's transaction (after the inbox row the server inserts first). It times every handler commit
// right after COMMIT returns and reports to the parent over IPC.
//
// Started by event-pipeline.bench.ts with `node -r libs/testing/register.cjs` and BENCH_CONSUMER (JSON).
import 'reflect-metadata';
import { PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { Controller, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { Registry } from 'prom-client';
import { DataSource, EntitySubscriberInterface, EventSubscriber, TransactionCommitEvent } from 'typeorm';
import { dataSourceOptions } from '../../libs/platform/src/database';
import {
  ConsumerOptions,
  DEFAULT_STREAM_LIMITS,
  EventContext,
  JetStreamServer,
  MessagingMetrics,
  NatsClient,
  NatsNaming,
  OnEvent,
  PassThroughRpcErrors,
} from '../../libs/platform/src/messaging';
import { wallMs } from './stats';

export interface ConsumerProcessConfig {
  dbUrl: string;
  natsUrl: string;
  namespace: string;
  poolSize: number;
  options: Partial<ConsumerOptions>;
}

/** Parent -> child. */
export type ToConsumer =
  { type: 'listen' } | { type: 'pause' } | { type: 'collect'; phase: string } | { type: 'stop' };
/** Child -> parent. */
export type FromConsumer =
  | { type: 'ready' }
  | { type: 'listening' }
  | { type: 'paused' }
  | { type: 'progress'; applied: number }
  | { type: 'collected'; phase: string; orders: string[]; committedAt: number[]; cpuMs: number }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

const send = (m: FromConsumer) => process.send?.(m);

/** Handler commit times, by phase (order ids are `<phase>:<n>`). */
const commits = new Map<string, { orders: string[]; committedAt: number[] }>();
let applied = 0;

function record(orderId: string, at: number): void {
  const phase = orderId.slice(0, orderId.indexOf(':'));
  let c = commits.get(phase);
  if (!c) commits.set(phase, (c = { orders: [], committedAt: [] }));
  c.orders.push(orderId);
  c.committedAt.push(at);
  applied++;
}

/**
 * Runs right after TypeORM's COMMIT returned for a handler transaction: that is the handler commit time
 * of every event the transaction applied (one, or a batch when the transport applies several messages
 * per transaction). A savepoint release also reports itself as a commit; the transaction is still open
 * then, so it is skipped.
 */
@EventSubscriber()
class HandlerCommitClock implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    const data = event.queryRunner.data as { benchOrderIds?: string[] } | undefined;
    const ids = data?.benchOrderIds;
    if (!ids?.length) return;
    const at = wallMs();
    for (const id of ids) record(id, at);
    ids.length = 0;
  }
}

@Controller()
class BenchHandlers {
  @OnEvent(Subjects.crm.purchaseRecorded)
  async onPurchase(@Payload() data: PurchaseRecordedV1, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.em.query(
      `INSERT INTO applied (message_id, aggregate_id, order_id, delivery) VALUES ($1, $2, $3, $4)`,
      [ctx.envelope.id, ctx.envelope.aggregateId, data.orderId, ctx.delivery.deliveryCount],
    );
    // Tag the transaction with the events it applies; HandlerCommitClock times them at its COMMIT.
    // (The bench handler never fails, so no tagged event is rolled back to a savepoint.)
    const qr = ctx.em.queryRunner;
    if (qr) {
      const tags = qr.data as { benchOrderIds?: string[] };
      (tags.benchOrderIds ??= []).push(data.orderId);
    }
  }
}

@Module({ controllers: [BenchHandlers] })
class BenchConsumerModule {}

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env.BENCH_CONSUMER ?? '') as ConsumerProcessConfig;
  Logger.overrideLogger(['error', 'warn']);
  const ds = await new DataSource({
    ...dataSourceOptions({ url: cfg.dbUrl, poolSize: cfg.poolSize, applicationName: 'bench-consumer' }),
    subscribers: [HandlerCommitClock],
  }).initialize();
  const nats = new NatsClient({
    servers: cfg.natsUrl,
    name: 'bench-consumer',
    naming: new NatsNaming(cfg.namespace),
    streamLimits: DEFAULT_STREAM_LIMITS,
  });
  await nats.connect();
  // Metrics on, as in a service (platform.module wires them the same way).
  const server = new JetStreamServer(
    'complaints',
    nats,
    ds,
    cfg.options,
    new MessagingMetrics(new Registry(), ds),
  );
  const app = await NestFactory.createMicroservice(BenchConsumerModule, {
    strategy: server,
    logger: ['error', 'warn'],
  });
  app.useGlobalFilters(new PassThroughRpcErrors());
  // Consumption starts on the parent's word, so the bench can fill the stream first and time the consumer alone.

  let listened = false;
  let reported = -1;
  const progress = setInterval(() => {
    if (applied !== reported) send({ type: 'progress', applied: (reported = applied) });
  }, 50);

  process.on('message', (m: ToConsumer) => {
    if (m.type === 'listen') {
      // The first time through Nest; after a pause straight on the transport, which resumes the durable consumer.
      const started = listened
        ? new Promise<void>(
            (ok, ko) =>
              void server.listen((e?: unknown) =>
                e ? ko(e instanceof Error ? e : new Error(JSON.stringify(e))) : ok(),
              ),
          )
        : app.listen();
      listened = true;
      started.then(
        () => send({ type: 'listening' }),
        (e: Error) => send({ type: 'failed', message: e.stack ?? e.message }),
      );
    } else if (m.type === 'pause') {
      void server.close().then(() => send({ type: 'paused' }));
    } else if (m.type === 'collect') {
      const c = commits.get(m.phase) ?? { orders: [], committedAt: [] };
      commits.delete(m.phase);
      const cpu = process.cpuUsage();
      send({ type: 'collected', phase: m.phase, ...c, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (m.type === 'stop') {
      clearInterval(progress);
      void (async () => {
        await app.close();
        await nats.close();
        await ds.destroy();
        send({ type: 'stopped' });
        process.disconnect?.();
      })();
    }
  });
  // The parent went away without saying stop: do not linger.
  process.on('disconnect', () => setTimeout(() => process.exit(0), 2_000).unref());
  send({ type: 'ready' });
}

main().catch((e: Error) => {
  send({ type: 'failed', message: e.stack ?? e.message });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100);
});
