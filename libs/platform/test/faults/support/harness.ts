// Shared pieces of the fault tests: private servers per file, a pipeline (namespace + throwaway
// databases + the processes a test starts) per test, and the Jepsen-style tally.
import { NatsServerProcess, PostgresProcess, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { uniqueNamespace } from '@cx/testing';
import { ConsumerOptions, NatsClient, NatsNaming, RelayOptions } from '../../../src/messaging';
import {
  Consumer,
  deleteNamespaceStreams,
  HandlerStyle,
  PipelineDatabases,
  preparePipelineDatabasesOn,
  Producer,
  report,
  TEST_STREAM_LIMITS,
} from '../../support/pipeline';
import { killChildren } from './children';

export { report };

/** Consumer settings for fault tests: a short ack wait so a crashed client's messages come back fast. */
export const FAST_ACK: Partial<ConsumerOptions> = { ackWaitMs: 2_000 };

export async function withTimeout<T>(what: string, p: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A private nats-server and a private Postgres for one spec file (started in beforeAll, destroyed by
 * pid in afterAll). Tests that break a server restart these; the others just use them.
 */
export function privateServers(opts: { postgres?: boolean } = {}): {
  readonly nats: NatsServerProcess;
  readonly pg: PostgresProcess;
} {
  const s = {} as { nats: NatsServerProcess; pg: PostgresProcess };
  quietDatabaseErrorLog();
  beforeAll(async () => {
    s.nats = await NatsServerProcess.start();
    if (opts.postgres !== false) s.pg = await PostgresProcess.start();
  }, 60_000);
  afterAll(async () => {
    await killChildren();
    if (s.nats) {
      if (s.nats.pid) {
        try {
          process.kill(s.nats.pid, 'SIGCONT'); // in case a test left it paused
        } catch {
          // gone
        }
      }
      await s.nats.destroy();
    }
    if (s.pg) await s.pg.destroy();
  }, 60_000);
  return s;
}

/**
 * TypeORM prints every failed query (console.log "query failed: ..." / "error: ...") and fault tests make
 * hundreds of them on purpose; keep the test output to the tallies. Everything else passes through.
 */
export function quietDatabaseErrorLog(): void {
  let spy: jest.SpyInstance | undefined;
  beforeAll(() => {
    const log = console.log.bind(console);
    spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      if (
        typeof args[0] === 'string' &&
        /^(query failed|error):/.test(args[0].replace(/\x1b\[[0-9;]*m/g, ''))
      )
        return;
      log(...args);
    });
  });
  afterAll(() => spy?.mockRestore());
}

/** One test's world: a namespace on the NATS server, producer and consumer databases, and everything started on them. */
export class FaultPipeline {
  private readonly closers: { what: string; close: () => Promise<void> }[] = [];
  private constructor(
    readonly ns: string,
    readonly natsUrl: string,
    readonly dbs: PipelineDatabases,
    /** A connection of the test's own, for stream and consumer info. */
    readonly observer: NatsClient,
    /** How the consumers' handler writes (support/pipeline.ts): through ctx.em, or write-only. */
    readonly handler: HandlerStyle,
  ) {}

  static async create(opts: {
    natsUrl: string;
    producerServer: string;
    consumerServer?: string;
    handler?: HandlerStyle;
  }): Promise<FaultPipeline> {
    const ns = uniqueNamespace();
    const dbs = await preparePipelineDatabasesOn(
      opts.producerServer,
      opts.consumerServer ?? opts.producerServer,
    );
    const observer = new NatsClient({
      servers: opts.natsUrl,
      name: 'fault-observer',
      naming: new NatsNaming(ns),
      streamLimits: TEST_STREAM_LIMITS,
    });
    await observer.connect();
    await observer.ensureStream('crm');
    return new FaultPipeline(ns, opts.natsUrl, dbs, observer, opts.handler ?? 'em');
  }

  get producerUrl(): string {
    return this.dbs.producerUrl;
  }

  get consumerUrl(): string {
    return this.dbs.consumerUrl;
  }

  get stream(): string {
    return this.observer.naming.stream('crm');
  }

  /** Registers something to close in cleanup() (last registered, first closed). Its close() becomes idempotent. */
  track<T extends { close(): Promise<void> }>(what: string, x: T): T {
    const close = x.close.bind(x);
    let closing: Promise<void> | undefined;
    x.close = () => (closing ??= close());
    this.closers.push({ what, close: () => x.close() });
    return x;
  }

  async producer(opts: { startRelay?: boolean; relay?: Partial<RelayOptions> } = {}): Promise<Producer> {
    return this.track(
      'producer',
      await Producer.start({ dbUrl: this.producerUrl, natsUrl: this.natsUrl, namespace: this.ns, ...opts }),
    );
  }

  async consumer(options: Partial<ConsumerOptions> = FAST_ACK): Promise<Consumer> {
    return this.track(
      'consumer',
      await Consumer.start({
        dbUrl: this.consumerUrl,
        natsUrl: this.natsUrl,
        namespace: this.ns,
        options,
        handler: this.handler,
      }),
    );
  }

  async consumerWithMetrics(options: Partial<ConsumerOptions> = FAST_ACK) {
    const started = await Consumer.startWithMetrics({
      dbUrl: this.consumerUrl,
      natsUrl: this.natsUrl,
      namespace: this.ns,
      options,
      handler: this.handler,
    });
    this.track('consumer', started.consumer);
    return started;
  }

  /** Environment for the child fixtures. */
  childEnv(
    kind: 'producer' | 'consumer',
    extra: Record<string, string | number | boolean> = {},
  ): Record<string, string | number | boolean> {
    return {
      DB_URL: kind === 'producer' ? this.producerUrl : this.consumerUrl,
      NATS_URL: this.natsUrl,
      NAMESPACE: this.ns,
      HANDLER: this.handler,
      ...extra,
    };
  }

  async streamMessages(): Promise<number> {
    return (await this.observer.jsm.streams.info(this.stream)).state.messages;
  }

  async consumerInfo() {
    return this.observer.jsm.consumers.info(this.stream, this.observer.naming.durable('complaints', 'crm'));
  }

  /** Waits until every message of the stream was delivered and acked: no delivery can still be coming. */
  async waitQuiet(timeoutMs = 30_000): Promise<void> {
    await waitFor(
      async () => {
        const info = await this.consumerInfo();
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      timeoutMs,
      'the consumer to have nothing pending or unacked',
    );
  }

  /** Waits until `n` distinct messages are applied in the consumer database. */
  async waitApplied(n: number, timeoutMs = 30_000): Promise<number> {
    return waitFor(
      async () => {
        const got = await appliedDistinct(this.consumerUrl);
        return got >= n ? got : undefined;
      },
      timeoutMs,
      `${n} messages applied`,
    ).catch(async (e) => {
      throw new Error(`${(e as Error).message} (applied ${await appliedDistinct(this.consumerUrl)})`);
    });
  }

  /**
   * Waits until `n` committed messages are settled: applied or dead-lettered. A test that expects no
   * dead letters then fails fast on the tally instead of timing out.
   */
  async waitSettled(n: number, timeoutMs = 30_000): Promise<number> {
    const settled = async () => {
      const [r] = await query<{ n: string }>(
        this.consumerUrl,
        `SELECT count(*) AS n FROM (SELECT message_id::text FROM applied UNION SELECT message_id FROM dead_letter) s`,
      );
      return Number(r.n);
    };
    return waitFor(
      async () => {
        const got = await settled();
        return got >= n ? got : undefined;
      },
      timeoutMs,
      `${n} messages applied or dead-lettered`,
    ).catch(async (e) => {
      throw new Error(`${(e as Error).message} (settled ${await settled()})`);
    });
  }

  /** Kills children, closes what the test started, deletes the namespace's streams, drops the databases. */
  async cleanup(): Promise<void> {
    await killChildren();
    const errors: string[] = [];
    for (const c of this.closers.reverse()) {
      await withTimeout(`closing ${c.what}`, c.close(), 20_000).catch((e) =>
        errors.push((e as Error).message),
      );
    }
    await withTimeout('stream cleanup', deleteNamespaceStreams(this.natsUrl, this.ns), 10_000).catch((e) =>
      errors.push((e as Error).message),
    );
    await this.observer.close().catch(() => undefined);
    await this.dbs.drop().catch((e) => errors.push((e as Error).message));
    if (errors.length) console.warn(`[fault] cleanup: ${errors.join('; ')}`);
  }
}

export async function query<R extends object>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export async function appliedDistinct(consumerUrl: string): Promise<number> {
  const [r] = await query<{ n: string }>(consumerUrl, `SELECT count(DISTINCT message_id) AS n FROM applied`);
  return Number(r.n);
}

export interface Tally {
  committed: number;
  published: number;
  delivered: number;
  applied: number;
  duplicates: number;
  lost: number;
  unexpected: number;
  deadLettered: number;
  redelivered: number;
}

/**
 * Counts the way Jepsen counts. committed = outbox rows; published = messages in the stream;
 * delivered = deliveries the server made (redeliveries included); applied = distinct messages applied;
 * duplicates = extra applications of a message; lost = committed but neither applied nor dead-lettered;
 * unexpected = applied but never committed; redelivered = messages applied on a delivery after the first.
 */
export async function tally(p: FaultPipeline): Promise<Tally> {
  const committed = await query<{ id: string }>(p.producerUrl, `SELECT id FROM outbox`);
  const applied = await query<{ message_id: string; delivery: number }>(
    p.consumerUrl,
    `SELECT message_id, delivery FROM applied`,
  );
  const dead = await query<{ message_id: string }>(p.consumerUrl, `SELECT message_id FROM dead_letter`);
  const appliedIds = new Set(applied.map((r) => r.message_id));
  const deadIds = new Set(dead.map((r) => r.message_id));
  const committedIds = new Set(committed.map((r) => r.id));
  const info = await p.consumerInfo().catch(() => undefined);
  return {
    committed: committedIds.size,
    published: await p.streamMessages(),
    delivered: info?.delivered.consumer_seq ?? -1,
    applied: appliedIds.size,
    duplicates: applied.length - appliedIds.size,
    lost: [...committedIds].filter((id) => !appliedIds.has(id) && !deadIds.has(id)).length,
    unexpected: [...appliedIds].filter((id) => !committedIds.has(id)).length,
    deadLettered: dead.length,
    redelivered: applied.filter((r) => r.delivery > 1).length,
  };
}

/** The pass condition: nothing lost, nothing applied twice or out of nowhere, dead letters == poison injected. */
export function expectExactlyOnce(t: Tally, poison = 0): void {
  expect({
    lost: t.lost,
    duplicates: t.duplicates,
    unexpected: t.unexpected,
    deadLettered: t.deadLettered,
  }).toEqual({
    lost: 0,
    duplicates: 0,
    unexpected: 0,
    deadLettered: poison,
  });
}

/** A plan of events: `aggregates` aggregates with `perAggregate` events each, interleaved. */
export function plan(aggregates: number, perAggregate: number): [string, string][] {
  const ids = Array.from({ length: aggregates }, () => randomUUID());
  const out: [string, string][] = [];
  for (let i = 0; i < perAggregate; i++) for (const a of ids) out.push([a, `${a.slice(0, 8)}-${i}`]);
  return out;
}

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Commits the events in transactions of `perTx`. */
export async function commitAll(
  producer: Producer,
  events: [string, string][],
  perTx: number,
): Promise<void> {
  for (const batch of chunks(events, perTx)) await producer.commit(batch);
}

/** Expected per-aggregate order of a plan. */
export function expectedOrders(events: [string, string][]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [a, o] of events) m.set(a, [...(m.get(a) ?? []), o]);
  return m;
}

/** Sum of a prom-client counter, optionally only the series whose labels match. */
export async function counterValue(
  counter: { get(): Promise<{ values: { value: number; labels: Record<string, string | number> }[] }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((s, v) => s + v.value, 0);
}
