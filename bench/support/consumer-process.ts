// The consuming service of the event-pipeline bench, run as its own process (as it is in production):
// a Nest microservice on JetStreamServer with one @OnEvent handler that inserts one row per event in the
// transaction that holds the event's inbox row. It times every handler commit right after COMMIT returns
// (ctx.onCommit) and reports to the parent over IPC.
//
// Started by event-pipeline.bench.ts with `node -r libs/testing/register.cjs` and BENCH_CONSUMER (JSON).
import 'reflect-metadata';
import { PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { Controller, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
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
import { startAllocationProfile } from './alloc-profile';
import { GcPause, recordGcPauses } from './gc-pauses';
import { wallMs } from './stats';

export interface ConsumerProcessConfig {
  dbUrl: string;
  natsUrl: string;
  namespace: string;
  poolSize: number;
  options: Partial<ConsumerOptions>;
  /** 'writeOnly' (default): the handler queues its statement with ctx.write; 'em': it writes through ctx.em. */
  handler?: 'writeOnly' | 'em';
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
  | {
      type: 'collected';
      phase: string;
      orders: string[];
      committedAt: number[];
      cpuMs: number;
      gc: GcPause[];
    }
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

const INSERT_APPLIED = `INSERT INTO applied (message_id, aggregate_id, order_id, delivery) VALUES ($1, $2, $3, $4)`;

/**
 * The bench's handler, like complaints' purchase projection: one row per event. By default declared
 * writeOnly (it only queues its statement with ctx.write, so the transport may apply a batch in one round
 * trip); with BENCH_HANDLER=em it writes through ctx.em in the transaction the transport opened, as a
 * handler that needs reads would. Either way the commit time is taken by ctx.onCommit, right after COMMIT.
 */
function handlers(writeOnly: boolean) {
  @Controller()
  class BenchHandlers {
    @OnEvent(Subjects.crm.purchaseRecorded, { writeOnly })
    async onPurchase(@Payload() data: PurchaseRecordedV1, @Ctx() ctx: EventContext): Promise<void> {
      const params = [ctx.envelope.id, ctx.envelope.aggregateId, data.orderId, ctx.delivery.deliveryCount];
      if (writeOnly) ctx.write(INSERT_APPLIED, params);
      else await ctx.em.query(INSERT_APPLIED, params);
      ctx.onCommit(() => record(data.orderId, wallMs()));
    }
  }
  @Module({ controllers: [BenchHandlers] })
  class BenchConsumerModule {}
  return BenchConsumerModule;
}

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env.BENCH_CONSUMER ?? '') as ConsumerProcessConfig;
  Logger.overrideLogger(['error', 'warn']);
  const gc = recordGcPauses();
  // BENCH_CONSUMER_ALLOC_PROFILE=<file>: where the consumer allocates, written when it stops.
  const allocations = process.env.BENCH_CONSUMER_ALLOC_PROFILE
    ? startAllocationProfile(process.env.BENCH_CONSUMER_ALLOC_PROFILE)
    : undefined;
  const ds = await new DataSource(
    dataSourceOptions({ url: cfg.dbUrl, poolSize: cfg.poolSize, applicationName: 'bench-consumer' }),
  ).initialize();
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
  const app = await NestFactory.createMicroservice(handlers(cfg.handler !== 'em'), {
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
      send({ type: 'collected', phase: m.phase, ...c, cpuMs: (cpu.user + cpu.system) / 1000, gc: gc.take() });
    } else if (m.type === 'stop') {
      clearInterval(progress);
      void (async () => {
        await allocations?.stop();
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
