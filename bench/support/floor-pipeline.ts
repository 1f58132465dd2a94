// The floor of the event pipeline: the same tables, stream limits, event bytes, lanes and load as the bench's
// latency phases, and the same guarantees (the event committed with the producer's transaction, published
// with its id as Nats-Msg-Id, applied once through the inbox, acked after commit), with the fewest round trips
// and no framework at all: the producer commits `BEGIN; INSERT outbox; COMMIT` as one query, a minimal relay
// claims with one query (FOR UPDATE SKIP LOCKED) and marks with one, the consumer (floor-consumer.ts, its own
// process) applies what queued in a lane with one query. No contract validation, no Nest, no TypeORM, no
// metrics, no tracing. Whatever the platform does, it cannot beat this on the same machine in the same run:
// it says what latency the machine allows at that moment.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { uuidv7 } from '@cx/contracts';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { Client, escapeLiteral, Pool } from 'pg';
import { DEFAULT_STREAM_LIMITS, NatsClient, NatsNaming } from '../../libs/platform/src/messaging';
import { nextMessage } from './child-ipc';
import type { FloorConsumerConfig, FromFloorConsumer } from './floor-consumer';
import { BENCH_EVENT, deleteNamespaceStreams, prepareBenchDatabases, purchase } from './pipeline-db';
import { ROOT } from './reference';
import { SERVICE_NODE_FLAGS } from './service-flags';
import { LatencySummary, paced, sleep, summarize, wallMs } from './stats';
import { systemTicks } from './proc';

export interface FloorResult {
  latency: LatencySummary;
  light: LatencySummary;
  /** Share of the machine busy during the steady phase, and the floor consumer's CPU per event. */
  machineBusyPct?: number;
  consumerCpuUsPerEvent: number;
}

interface FloorOptions {
  postgresUrl: string;
  natsUrl: string;
  namespace: string;
  aggregates: string[];
  rate: number;
  seconds: number;
  lightRate: number;
  lightSeconds: number;
  lanes: number;
  producerPool: number;
}

/** Sets the floor up, runs its two steady phases (after a warm-up), tears it down. */
export async function floorLatency(
  opts: FloorOptions,
  cleanups: (() => Promise<void>)[],
): Promise<FloorResult> {
  const dbs = await prepareBenchDatabases(opts.postgresUrl);
  cleanups.push(() => dbs.drop());
  const nats = new NatsClient({
    servers: opts.natsUrl,
    name: 'bench-floor',
    naming: new NatsNaming(opts.namespace),
    streamLimits: DEFAULT_STREAM_LIMITS,
  });
  await nats.connect();
  cleanups.push(async () => {
    await nats.close();
    await deleteNamespaceStreams(opts.natsUrl, opts.namespace);
  });
  await nats.ensureStream('crm');
  const stream = nats.naming.stream('crm');
  await nats.jsm.consumers.add(stream, {
    durable_name: 'floor',
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_ack_pending: 1024,
    ack_wait: 30e9,
  });

  const consumer = await FloorConsumer.start({
    dbUrl: dbs.consumerUrl,
    natsUrl: opts.natsUrl,
    stream,
    durable: 'floor',
    lanes: opts.lanes,
  });
  cleanups.push(() => consumer.stop());
  const pool = new Pool({ connectionString: dbs.producerUrl, max: opts.producerPool });
  cleanups.push(() => pool.end());
  const relay = new FloorRelay(dbs.producerUrl, nats);
  await relay.start();
  cleanups.push(() => relay.stop());

  const commit = async (aggregateId: string, orderId: string): Promise<void> => {
    const e = {
      id: uuidv7(),
      type: BENCH_EVENT,
      occurredAt: new Date().toISOString(),
      source: 'crm',
      aggregateId,
      data: purchase(aggregateId, orderId),
    };
    await pool.query(
      `BEGIN; INSERT INTO outbox (id, subject, aggregate_id, payload) VALUES (${escapeLiteral(e.id)}, ${escapeLiteral(e.type)}, ${escapeLiteral(aggregateId)}, ${escapeLiteral(JSON.stringify(e))}); COMMIT`,
    );
    relay.wake();
  };
  const phase = async (name: string, rate: number, seconds: number) => {
    const total = Math.round(rate * seconds);
    const committedAt = new Float64Array(total);
    const cpuBefore = (await consumer.collect()).cpuMs;
    const before = systemTicks();
    await paced(
      total,
      rate,
      async (i) => {
        await commit(opts.aggregates[i % opts.aggregates.length], `${name}:${i}`);
        committedAt[i] = wallMs();
      },
      opts.producerPool * 2,
    );
    const after = systemTicks();
    const samples: number[] = [];
    let cpuMs = cpuBefore;
    for (
      const deadline = wallMs() + 60_000;
      samples.length < total && wallMs() < deadline;
      await sleep(100)
    ) {
      const c = await consumer.collect();
      cpuMs = c.cpuMs;
      c.orders.forEach((o, k) => {
        if (o.startsWith(`${name}:`))
          samples.push(c.committedAt[k] - committedAt[Number(o.slice(name.length + 1))]);
      });
    }
    if (samples.length !== total) throw new Error(`floor ${name}: applied ${samples.length} of ${total}`);
    return {
      latency: summarize(samples),
      busyPct:
        before && after ? ((after.busy - before.busy) / (after.total - before.total)) * 100 : undefined,
      cpuUsPerEvent: ((cpuMs - cpuBefore) * 1000) / total,
    };
  };

  await phase('warm', opts.lightRate, 2);
  const steady = await phase('lat', opts.rate, opts.seconds);
  const light = await phase('light', opts.lightRate, opts.lightSeconds);
  return {
    latency: steady.latency,
    light: light.latency,
    machineBusyPct: steady.busyPct,
    consumerCpuUsPerEvent: steady.cpuUsPerEvent,
  };
}

/** The outbox relay with nothing but its two queries per batch, on a session of its own. */
class FloorRelay {
  private readonly db: Client;
  private running = false;
  private wanted = false;
  private waiting?: () => void;
  private loop?: Promise<void>;

  constructor(
    url: string,
    private readonly nats: NatsClient,
  ) {
    this.db = new Client({ connectionString: url });
  }

  async start(): Promise<void> {
    await this.db.connect();
    await this.db.query('SET enable_bitmapscan = off; SET synchronous_commit = off');
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.wanted = true;
    this.waiting?.();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    await this.db.end();
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.wanted) await new Promise<void>((r) => ((this.waiting = r), setTimeout(r, 1_000)));
      this.wanted = false;
      for (;;) {
        const [, claimed] = (await this.db.query(
          `BEGIN; SELECT seq, id, subject, aggregate_id, payload FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT 500 FOR UPDATE SKIP LOCKED`,
        )) as unknown as [
          unknown,
          { rows: { seq: string; id: string; subject: string; aggregate_id: string; payload: string }[] },
        ];
        if (claimed.rows.length === 0) {
          await this.db.query('COMMIT');
          break;
        }
        await Promise.all(
          claimed.rows.map((r) => {
            const h = natsHeaders();
            h.set('Cx-Aggregate-Id', r.aggregate_id);
            return this.nats.js.publish(this.nats.naming.subject(r.subject), r.payload, {
              msgID: r.id,
              headers: h,
            });
          }),
        );
        await this.db.query(
          `UPDATE outbox SET published_at = now() WHERE seq IN (${claimed.rows.map((r) => Number(r.seq)).join(',')}); COMMIT`,
        );
      }
    }
  }
}

class FloorConsumer {
  private constructor(private readonly child: ChildProcess) {}

  static async start(config: FloorConsumerConfig): Promise<FloorConsumer> {
    // The services' runtime flags here too: the floor differs from the pipeline in code only.
    const child = spawn(
      process.execPath,
      [
        ...SERVICE_NODE_FLAGS,
        '-r',
        join(ROOT, 'libs/testing/register.cjs'),
        join(ROOT, 'bench/support/floor-consumer.ts'),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, FLOOR_CONSUMER: JSON.stringify(config) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const c = new FloorConsumer(child);
    try {
      await c.next('ready');
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
    return c;
  }

  collect(): Promise<Extract<FromFloorConsumer, { type: 'collected' }>> {
    const reply = this.next('collected');
    this.child.send({ type: 'collect' });
    return reply;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.send({ type: 'stop' });
    await Promise.race([exited, sleep(10_000)]);
    if (this.child.exitCode === null && this.child.pid) process.kill(this.child.pid, 'SIGKILL');
  }

  private next<T extends FromFloorConsumer['type']>(
    type: T,
  ): Promise<Extract<FromFloorConsumer, { type: T }>> {
    return nextMessage<FromFloorConsumer, T>(this.child, type, 60_000, 'floor consumer');
  }
}
