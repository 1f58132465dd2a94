// Event backbone benchmark: what the outbox -> relay -> JetStream -> inbox pipeline delivers on this
// machine, beside what raw JetStream delivers on the same stream config with the same bytes.
//
//   node -r ./libs/testing/register.cjs bench/event-pipeline.bench.ts      (or: npm run bench)
//
// Phases (one run; raw NATS on its own namespace, the pipeline on its own namespace and throwaway databases):
//   a. raw JetStream: pipelined publish throughput (batches of awaited publishes with msgID, like the
//      relay), and publish -> pull-consumer latency at a steady rate;
//   b. each stage alone (producer, relay, consumer), then the pipeline's throughput: N events committed
//      to the outbox (transactions of 100, then one event per transaction), from the first commit until
//      the consumer's handler committed the last one;
//   c. pipeline latency: one event per transaction at a steady rate (and at a light one), producer
//      commit -> handler commit.
// The producer and its relay run in this process (the producing service); the consumer is a separate
// process (the consuming service), as in production. Knobs: see readConfig() and docs/benchmarks.md.
import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from '@cx/contracts';
import { SHARED_NATS_URL, SHARED_POSTGRES_URL, uniqueNamespace } from '@cx/testing';
import { AckPolicy, DeliverPolicy, JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/platform/src/database';
import {
  DEFAULT_CONSUMER_OPTIONS,
  DEFAULT_STREAM_LIMITS,
  EventPublisher,
  MessagingMetrics,
  NatsClient,
  NatsNaming,
  OutboxRelay,
} from '../libs/platform/src/messaging';
import { SystemClock } from '../libs/platform/src/time';
import type { ConsumerProcessConfig, FromConsumer, ToConsumer } from './support/consumer-process';
import { readReference, ROOT, writeReference, writeResult } from './support/reference';
import {
  appliedCounts,
  BENCH_EVENT,
  BenchDatabases,
  deleteNamespaceStreams,
  prepareBenchDatabases,
  purchase,
} from './support/pipeline-db';
import {
  LatencySummary,
  machine,
  paced,
  Row,
  sleep,
  summarize,
  table,
  verdict,
  wallMs,
} from './support/stats';
import { startAllocationProfile } from './support/alloc-profile';
import { cleanupsOnExit } from './support/cleanups';
import { missingServiceFlags, SERVICE_NODE_FLAGS } from './support/service-flags';
import { floorLatency } from './support/floor-pipeline';
import { GcPause, gcBetween, GcSummary, overlappingGc, recordGcPauses } from './support/gc-pauses';
import { nextMessage } from './support/child-ipc';
import { machineBusyPct, procStat, ServerPids, serverPids, systemTicks } from './support/proc';

const BENCH = 'event-pipeline';
const TARGETS = { throughput: 5_000, latencyP99Ms: 20 };
/** Above this share of CPU used by processes outside the bench, the run is flagged as disturbed. */
const QUIET_PCT = 15;

function readConfig() {
  const num = (name: string, dflt: number) => {
    const v = process.env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${v}"`);
    return n;
  };
  return {
    postgresUrl: SHARED_POSTGRES_URL,
    natsUrl: SHARED_NATS_URL,
    /** Events in the batched-transaction throughput phase (and in the raw publish phase). */
    events: num('BENCH_EVENTS', 20_000),
    eventsPerTransaction: num('BENCH_EVENTS_PER_TX', 100),
    /** Events in the one-event-per-transaction throughput phase, committed by this many concurrent producers. */
    singleEvents: num('BENCH_SINGLE_EVENTS', 10_000),
    singleProducers: num('BENCH_SINGLE_PRODUCERS', 16),
    /** Offered load and duration of the latency phases. */
    rate: num('BENCH_RATE', 1_000),
    seconds: num('BENCH_SECONDS', 10),
    /** A second, lighter steady load: the pipeline's own latency when it is not queueing. */
    lightRate: num('BENCH_LIGHT_RATE', 250),
    lightSeconds: num('BENCH_LIGHT_SECONDS', 8),
    /** Distinct aggregates the events are spread over (lanes are chosen by aggregate). */
    aggregates: num('BENCH_AGGREGATES', 1_000),
    producerPool: num('BENCH_PRODUCER_POOL', 20),
    relay: { batchSize: num('BENCH_RELAY_BATCH', 500), pollIntervalMs: num('BENCH_RELAY_POLL_MS', 1_000) },
    /**
     * Experiment, not the shipped design: drop the outbox NOTIFY trigger in the bench's producer database
     * (the relay then finds rows by polling; set BENCH_RELAY_POLL_MS low). Shows what the trigger costs:
     * Postgres serialises the commits of every transaction that sends a NOTIFY.
     */
    noNotify: process.env.BENCH_NO_NOTIFY === '1',
    consumerPool: num('BENCH_CONSUMER_POOL', 20),
    /**
     * How the consumer's handler writes: 'writeOnly' (default, as complaints' projections: ctx.write, a
     * batch in one round trip) or 'em' (through ctx.em in the transaction the transport opens, as a
     * handler that reads first must).
     */
    handler: handlerMode(process.env.BENCH_HANDLER),
    consumer: {
      concurrency: num('BENCH_LANES', DEFAULT_CONSUMER_OPTIONS.concurrency),
      maxInFlight: num('BENCH_MAX_IN_FLIGHT', 512),
      ackWaitMs: num('BENCH_ACK_WAIT_MS', 30_000),
      ...(process.env.BENCH_BATCH_SIZE ? { batchSize: num('BENCH_BATCH_SIZE', 64) } : {}),
    },
  };
}
type Config = ReturnType<typeof readConfig>;

function handlerMode(v: string | undefined): 'writeOnly' | 'em' {
  if (v === undefined || v === '' || v === 'writeOnly') return 'writeOnly';
  if (v === 'em') return 'em';
  throw new Error(`BENCH_HANDLER must be writeOnly or em, got "${v}"`);
}

// ---------------------------------------------------------------------------------------------------
// CPU accounting: where the two cores went during a phase.

interface CpuMark {
  at: number;
  self: NodeJS.CpuUsage;
  consumerMs: number;
  sys?: { busy: number; total: number };
  /** CPU ms so far of each Postgres backend serving the bench's databases, and of nats-server. */
  postgresMs?: Map<number, number>;
  natsMs?: number;
  /** Transactions committed so far in the producer and the consumer database (pg_stat_database). */
  commits: { producer: number; consumer: number };
}

/** Database transactions per event during a phase: the producer's own, the relay's, the consumer's. */
type CommitsPerEvent = { producerDb: number; consumerDb: number };

function commitsPerEvent(a: CpuMark, b: CpuMark, events: number): CommitsPerEvent {
  return {
    producerDb: (b.commits.producer - a.commits.producer) / events,
    consumerDb: (b.commits.consumer - a.commits.consumer) / events,
  };
}

/**
 * CPU ms so far of the Postgres backends serving the bench's own databases, and of nats-server. Other
 * databases' backends (other people's tests on the shared cluster) and Postgres background work (WAL
 * writer, checkpointer, autovacuum) count as "other".
 */
function serverCpuMs(
  pids: ServerPids,
  backends: number[],
): { postgresMs?: Map<number, number>; natsMs?: number } {
  const out: { postgresMs?: Map<number, number>; natsMs?: number } = {};
  if (pids.postmaster) out.postgresMs = new Map(backends.map((pid) => [pid, procStat(pid)?.cpuMs ?? 0]));
  if (pids.nats) out.natsMs = procStat(pids.nats)?.cpuMs;
  return out;
}

interface CpuShare {
  /** Share of all cores busy during the phase (100 = every core busy). */
  machineBusyPct?: number;
  /** Cores used on average by: the producer+relay process, the consumer process, Postgres, NATS, anything else. */
  producerCores: number;
  consumerCores: number;
  /** The consumer process's CPU per event applied in the phase (µs): what the transport costs per message. */
  consumerUsPerEvent: number;
  postgresCores?: number;
  natsCores?: number;
  otherCores?: number;
}

function cpuBetween(a: CpuMark, b: CpuMark, cores: number, events: number): CpuShare {
  const wall = b.at - a.at;
  const selfMs = (b.self.user - a.self.user + b.self.system - a.self.system) / 1000;
  const share: CpuShare = {
    producerCores: selfMs / wall,
    consumerCores: (b.consumerMs - a.consumerMs) / wall,
    consumerUsPerEvent: ((b.consumerMs - a.consumerMs) * 1000) / events,
  };
  if (a.postgresMs && b.postgresMs) {
    // A backend opened during the phase counts whole; one closed during it is lost (the pools keep theirs).
    let ms = 0;
    for (const [pid, now] of b.postgresMs) ms += now - (a.postgresMs.get(pid) ?? 0);
    share.postgresCores = ms / wall;
  }
  if (a.natsMs !== undefined && b.natsMs !== undefined) share.natsCores = (b.natsMs - a.natsMs) / wall;
  if (a.sys && b.sys) {
    const busy = (b.sys.busy - a.sys.busy) / (b.sys.total - a.sys.total);
    share.machineBusyPct = busy * 100;
    const known =
      share.producerCores + share.consumerCores + (share.postgresCores ?? 0) + (share.natsCores ?? 0);
    share.otherCores = Math.max(0, busy * cores - known);
  }
  return share;
}

// ---------------------------------------------------------------------------------------------------
// Envelopes exactly as EventPublisher serializes them, for the raw phases.

interface RawEvent {
  id: string;
  aggregateId: string;
  payload: string;
}

function rawEvents(n: number, prefix: string, aggregates: string[]): RawEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const aggregateId = aggregates[i % aggregates.length];
    const envelope = {
      id: uuidv7(),
      type: BENCH_EVENT,
      occurredAt: new Date().toISOString(),
      source: 'crm',
      aggregateId,
      data: purchase(aggregateId, `${prefix}:${i}`),
    };
    return { id: envelope.id, aggregateId, payload: JSON.stringify(envelope) };
  });
}

function publishRaw(js: JetStreamClient, subject: string, e: RawEvent, extra?: Record<string, string>) {
  const h = natsHeaders();
  h.set('Cx-Aggregate-Id', e.aggregateId);
  for (const [k, v] of Object.entries(extra ?? {})) h.set(k, v);
  return js.publish(subject, e.payload, { msgID: e.id, headers: h, timeout: 5_000 });
}

/** Publishes in batches of awaited, pipelined publishes: what OutboxRelay.relayBatch does per claim. */
async function publishBatched(
  js: JetStreamClient,
  subject: string,
  events: RawEvent[],
  batchSize: number,
): Promise<void> {
  for (let i = 0; i < events.length; i += batchSize) {
    await Promise.all(events.slice(i, i + batchSize).map((e) => publishRaw(js, subject, e)));
  }
}

interface RawResults {
  publishPerSecond: number;
  latency: LatencySummary;
  offeredPerSecond: number;
  natsVersion: string;
}

async function rawNats(
  cfg: Config,
  aggregates: string[],
  cleanups: (() => Promise<void>)[],
): Promise<RawResults> {
  const namespace = uniqueNamespace();
  cleanups.push(() => deleteNamespaceStreams(cfg.natsUrl, namespace));
  const nats = new NatsClient({
    servers: cfg.natsUrl,
    name: 'bench-raw',
    naming: new NatsNaming(namespace),
    streamLimits: DEFAULT_STREAM_LIMITS,
  });
  await nats.connect();
  try {
    await nats.ensureStream('crm');
    const stream = nats.naming.stream('crm');
    const subject = nats.naming.subject(BENCH_EVENT);
    const js = nats.js;

    // a1. Publish throughput, after a warm-up.
    await publishBatched(js, subject, rawEvents(2_000, 'rawwarm', aggregates), cfg.relay.batchSize);
    const events = rawEvents(cfg.events, 'raw', aggregates);
    const t0 = wallMs();
    await publishBatched(js, subject, events, cfg.relay.batchSize);
    const publishPerSecond = events.length / ((wallMs() - t0) / 1000);
    log(
      `raw publish: ${Math.round(publishPerSecond)} ev/s (${events.length} events, batches of ${cfg.relay.batchSize})`,
    );

    // a2. Publish -> consume latency at the steady rate: a plain pull consumer that records and acks.
    const durable = 'bench_raw_latency';
    await nats.jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      filter_subject: nats.naming.streamSubjects('crm'),
      ack_wait: 30_000_000_000,
      max_ack_pending: 1_024,
    });
    const warm = cfg.rate; // the first second is warm-up, not counted
    const total = warm + Math.round(cfg.rate * cfg.seconds);
    const samples: number[] = [];
    const messages = await (await js.consumers.get(stream, durable)).consume({ max_messages: 512 });
    const consumed = (async () => {
      let seen = 0;
      for await (const m of messages) {
        const latency = wallMs() - Number(m.headers?.get('Bench-Sent'));
        if (Number(m.headers?.get('Bench-Seq')) >= warm) samples.push(latency);
        m.ack();
        if (++seen >= total) break;
      }
    })();
    const latencyEvents = rawEvents(total, 'rawlat', aggregates);
    const pace = await paced(total, cfg.rate, async (i) => {
      await publishRaw(js, subject, latencyEvents[i], {
        'Bench-Sent': String(wallMs()),
        'Bench-Seq': String(i),
      });
    });
    await Promise.race([
      consumed,
      sleep(30_000).then(() => Promise.reject(new Error('raw consumer did not receive every message'))),
    ]);
    await messages.close();
    const latency = summarize(samples);
    log(
      `raw latency at ${Math.round(pace.offeredPerSecond)} ev/s: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms`,
    );
    return {
      publishPerSecond,
      latency,
      offeredPerSecond: pace.offeredPerSecond,
      natsVersion: nats.nc.info?.version ?? 'unknown',
    };
  } finally {
    await nats.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The consuming service, as a child process.

class ConsumerProcess {
  applied = 0;
  /** The consumer's GC pauses, as every collect() brings them in. */
  readonly gc: GcPause[] = [];
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: FromConsumer) => {
      if (m.type === 'progress') this.applied = m.applied;
    });
  }

  static async start(config: ConsumerProcessConfig): Promise<ConsumerProcess> {
    // BENCH_CONSUMER_NODE_ARGS: extra node flags for the consumer, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.BENCH_CONSUMER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(
      process.execPath,
      [
        ...SERVICE_NODE_FLAGS,
        ...nodeArgs,
        '-r',
        join(ROOT, 'libs/testing/register.cjs'),
        join(ROOT, 'bench/support/consumer-process.ts'),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_CONSUMER: JSON.stringify(config) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const p = new ConsumerProcess(child);
    try {
      await p.reply('ready', 60_000);
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
    return p;
  }

  /** The next message of the given type; rejects when the child reports a failure, exits, or stays silent. */
  private reply<T extends FromConsumer['type']>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<FromConsumer, { type: T }>> {
    return nextMessage<FromConsumer, T>(this.child, type, timeoutMs, 'consumer process');
  }

  private async command<T extends FromConsumer['type']>(
    m: ToConsumer,
    type: T,
    timeoutMs = 60_000,
  ): Promise<Extract<FromConsumer, { type: T }>> {
    const answer = this.reply(type, timeoutMs);
    this.child.send(m);
    return answer;
  }

  async listen(): Promise<void> {
    await this.command({ type: 'listen' }, 'listening');
  }

  async pause(): Promise<void> {
    await this.command({ type: 'pause' }, 'paused');
  }

  async collect(phase: string): Promise<Extract<FromConsumer, { type: 'collected' }>> {
    const c = await this.command({ type: 'collect', phase }, 'collected');
    this.gc.push(...c.gc);
    return c;
  }

  async waitApplied(n: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.applied < n) {
      if (Date.now() > deadline)
        throw new Error(`consumer applied ${this.applied} of ${n} events within ${timeoutMs} ms`);
      if (this.child.exitCode !== null)
        throw new Error(`consumer process exited with ${this.child.exitCode}`);
      await sleep(5);
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.send({ type: 'stop' } satisfies ToConsumer);
    await Promise.race([exited, sleep(15_000)]);
    if (this.child.exitCode === null && this.child.pid) process.kill(this.child.pid, 'SIGKILL');
  }
}

// ---------------------------------------------------------------------------------------------------
// The producing service: outbox writes through EventPublisher in real transactions, and the relay.

interface PhaseResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Producer side alone: events committed per second while the phase ran. */
  committedPerSecond: number;
  /** When the relay started its last batch and the handler committed the last event, ms after the first commit began. */
  relayLastBatchMs: number;
  lastHandlerCommitMs: number;
  cpu: CpuShare;
  commitsPerEvent: CommitsPerEvent;
}

interface StageResult {
  events: number;
  producerPerSecond: number;
  relayPerSecond: number;
  consumerPerSecond: number;
  /** Where the cores went while the consumer ran alone. */
  consumerCpu: CpuShare;
  consumerCommitsPerEvent: CommitsPerEvent;
}

interface PlanNode {
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
}

interface RelayClaimCost {
  executionMs: number;
  buffers: number;
  outboxLiveRows: number;
  outboxDeadRows: number;
  outboxVacuums: number;
  pendingIndexPages: number;
}

interface LatencyResult {
  latency: LatencySummary;
  commitToRelay: LatencySummary;
  relayToHandlerCommit: LatencySummary;
  perSecond: { second: number; events: number; p50: number; p99: number; max: number }[];
  /** GC pauses during the phase, and how many of the events slower than the target waited through one. */
  gc: {
    producer: GcSummary;
    consumer: GcSummary;
    slowEvents: number;
    slowDuringProducerGc: number;
    slowDuringConsumerGc: number;
  };
  offeredPerSecond: number;
  cpu: CpuShare;
  commitsPerEvent: CommitsPerEvent;
}

class Pipeline {
  private expected = 0;
  private constructor(
    private readonly cfg: Config,
    readonly dbs: BenchDatabases,
    private readonly ds: DataSource,
    private readonly relay: OutboxRelay,
    private readonly consumer: ConsumerProcess,
    private readonly aggregates: string[],
    private readonly cores: number,
    private readonly pids: ServerPids,
  ) {}

  private readonly publisher = new EventPublisher('crm', new SystemClock());
  /** This process's GC pauses (producer and relay). */
  private readonly gc = recordGcPauses();

  static async start(
    cfg: Config,
    aggregates: string[],
    cleanups: (() => Promise<void>)[],
  ): Promise<Pipeline> {
    const dbs = await prepareBenchDatabases(cfg.postgresUrl);
    cleanups.push(() => dbs.drop());
    if (cfg.noNotify) {
      const c = new Client({ connectionString: dbs.producerUrl });
      await c.connect();
      await c.query('DROP TRIGGER IF EXISTS tr_outbox_notify ON outbox');
      await c.end();
      log(`EXPERIMENT: outbox NOTIFY trigger dropped; the relay polls every ${cfg.relay.pollIntervalMs} ms`);
    }
    const namespace = uniqueNamespace();
    cleanups.push(() => deleteNamespaceStreams(cfg.natsUrl, namespace));
    const ds = await new DataSource(
      dataSourceOptions({
        url: dbs.producerUrl,
        poolSize: cfg.producerPool,
        applicationName: 'bench-producer',
      }),
    ).initialize();
    cleanups.push(() => ds.destroy());
    const nats = new NatsClient({
      servers: cfg.natsUrl,
      name: 'bench-producer',
      naming: new NatsNaming(namespace),
      streamLimits: DEFAULT_STREAM_LIMITS,
    });
    await nats.connect();
    cleanups.push(() => nats.close());
    await nats.ensureStream('crm');
    const consumer = await ConsumerProcess.start({
      dbUrl: dbs.consumerUrl,
      natsUrl: cfg.natsUrl,
      namespace,
      poolSize: cfg.consumerPool,
      handler: cfg.handler,
      options: cfg.consumer,
    });
    cleanups.push(() => consumer.stop());
    // Neither the relay nor the consumer runs yet: stages() times each alone first.
    const relay = new OutboxRelay(
      ds,
      nats,
      { databaseUrl: dbs.producerUrl, ...cfg.relay },
      new MessagingMetrics(new Registry(), ds),
    );
    cleanups.push(() => relay.stop());
    return new Pipeline(
      cfg,
      dbs,
      ds,
      relay,
      consumer,
      aggregates,
      machine().cpus,
      await serverPids(cfg.postgresUrl, cfg.natsUrl),
    );
  }

  private async commit(events: [aggregateId: string, orderId: string][]): Promise<void> {
    await this.ds.transaction(async (em) => {
      await this.publisher.publishAll(
        em,
        events.map(([agg, order]) => ({ type: BENCH_EVENT, aggregateId: agg, data: purchase(agg, order) })),
      );
    });
  }

  private event(phase: string, i: number): [string, string] {
    return [this.aggregates[i % this.aggregates.length], `${phase}:${i}`];
  }

  private async mark(): Promise<CpuMark> {
    const consumer = await this.consumer.collect('-');
    const names = [
      new URL(this.dbs.producerUrl).pathname.slice(1),
      new URL(this.dbs.consumerUrl).pathname.slice(1),
    ];
    // The pools keep their connections, so the same backends are read at both ends of a phase.
    const backends = await this.ds.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = ANY($1)`,
      [names],
    );
    const cpu = {
      at: wallMs(),
      self: process.cpuUsage(),
      consumerMs: consumer.cpuMs,
      sys: systemTicks(),
      ...serverCpuMs(
        this.pids,
        backends.map((b) => b.pid),
      ),
    };
    // Backends publish their counters within a second of going idle: wait that out, outside the timed window.
    await sleep(1_100);
    const xacts = await this.ds.query<{ datname: string; n: string }[]>(
      `SELECT datname, xact_commit AS n FROM pg_stat_database WHERE datname = ANY($1)`,
      [names],
    );
    const commits = (name: string) => Number(xacts.find((x) => x.datname === name)?.n ?? NaN);
    return { ...cpu, commits: { producer: commits(names[0]), consumer: commits(names[1]) } };
  }

  private async commitAll(phase: string, events: number, perTx: number, concurrency: number): Promise<void> {
    let next = 0;
    const producers = Array.from({ length: concurrency }, async () => {
      while (next < events) {
        const from = next;
        next = Math.min(events, next + perTx);
        const batch: [string, string][] = [];
        for (let i = from; i < next; i++) batch.push(this.event(phase, i));
        await this.commit(batch);
      }
    });
    await Promise.all(producers);
  }

  /**
   * Each stage alone, the others stopped: the producer commits every event (relay off), then the relay
   * publishes them all (consumer paused), then the consumer applies them all. The slowest stage is the
   * ceiling of the pipeline; running all three at once on shared cores gets less.
   */
  async stages(phase: string, events: number, perTx: number): Promise<StageResult> {
    const t0 = wallMs();
    await this.commitAll(phase, events, perTx, 1);
    const producerSeconds = (wallMs() - t0) / 1000;

    const t1 = wallMs();
    this.relay.start();
    await this.until(async () => (await this.pending()) === 0, 120_000, 'the relay to publish everything');
    const relaySeconds = (wallMs() - t1) / 1000;
    await this.relay.stop();

    const before = await this.mark();
    const t2 = wallMs();
    await this.consumer.listen();
    this.expected += events;
    await this.consumer.waitApplied(this.expected, 120_000);
    const after = await this.mark();
    const c = await this.consumer.collect(phase);
    await this.consumer.pause();
    if (c.orders.length !== events)
      throw new Error(`${phase}: the handler committed ${c.orders.length} of ${events} events`);
    const consumerSeconds = (Math.max(...c.committedAt) - t2) / 1000;
    return {
      events,
      producerPerSecond: events / producerSeconds,
      relayPerSecond: events / relaySeconds,
      consumerPerSecond: events / consumerSeconds,
      consumerCpu: cpuBetween(before, after, this.cores, events),
      consumerCommitsPerEvent: commitsPerEvent(before, after, events),
    };
  }

  /** From here on everything runs at once, as in production. */
  async startAll(): Promise<void> {
    this.relay.start();
    await this.consumer.listen();
  }

  private async pending(): Promise<number> {
    const [row] = await this.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
    );
    return row.n;
  }

  private async until(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  }

  /** Commits `events` events with `concurrency` producers, `perTx` per transaction; waits until all are applied. */
  async throughput(phase: string, events: number, perTx: number, concurrency: number): Promise<PhaseResult> {
    const before = await this.mark();
    const t0 = wallMs();
    await this.commitAll(phase, events, perTx, concurrency);
    const committed = wallMs();
    this.expected += events;
    await this.consumer.waitApplied(this.expected, 120_000);
    const after = await this.mark();
    const c = await this.consumer.collect(phase);
    if (c.orders.length !== events)
      throw new Error(`${phase}: the handler committed ${c.orders.length} of ${events} events`);
    const last = Math.max(...c.committedAt);
    const relayLast = await this.lastRelayBatchAt();
    const seconds = (last - t0) / 1000;
    return {
      events,
      seconds,
      eventsPerSecond: events / seconds,
      committedPerSecond: events / ((committed - t0) / 1000),
      relayLastBatchMs: relayLast - t0,
      lastHandlerCommitMs: last - t0,
      cpu: cpuBetween(before, after, this.cores, events),
      commitsPerEvent: commitsPerEvent(before, after, events),
    };
  }

  /** One event per transaction at a steady rate; latency from producer commit to handler commit. */
  async latency(phase: string, rate: number, seconds: number): Promise<LatencyResult> {
    const total = Math.round(rate * seconds);
    const committedAt = new Float64Array(total);
    const before = await this.mark();
    const startedAt = wallMs();
    const pace = await paced(
      total,
      rate,
      async (i) => {
        await this.commit([this.event(phase, i)]);
        committedAt[i] = wallMs();
      },
      this.cfg.producerPool * 2,
    );
    this.expected += total;
    await this.consumer.waitApplied(this.expected, 120_000);
    const after = await this.mark();
    const c = await this.consumer.collect(phase);
    if (c.orders.length !== total)
      throw new Error(`${phase}: the handler committed ${c.orders.length} of ${total} events`);
    // The producer's commit time of each event the consumer reports, in the consumer's order.
    const producedAt = c.orders.map((o) => committedAt[Number(o.slice(phase.length + 1))]);
    const samples = c.orders.map((_, k) => c.committedAt[k] - producedAt[k]);
    // Where the time went: the relay's transaction start (published_at = now()) splits each latency into
    // commit -> relay picked it up, and relay -> handler commit (publish, delivery, handler transaction).
    const claimedAt = await this.relayClaimTimes(phase, startedAt);
    const toRelay: number[] = [];
    const afterRelay: number[] = [];
    c.orders.forEach((o, k) => {
      const claimed = claimedAt.get(o);
      if (claimed === undefined) return;
      toRelay.push(claimed - producedAt[k]);
      afterRelay.push(c.committedAt[k] - claimed);
    });
    // Did the slow events wait on a collector? Each event's span, from producer commit to handler commit.
    const endedAt = wallMs();
    const producerGc = this.gc.take();
    const slow: [number, number][] = [];
    samples.forEach((latency, k) => {
      if (latency > TARGETS.latencyP99Ms) slow.push([producedAt[k], c.committedAt[k]]);
    });
    const gc = {
      producer: gcBetween(producerGc, startedAt, endedAt),
      consumer: gcBetween(this.consumer.gc, startedAt, endedAt),
      slowEvents: slow.length,
      slowDuringProducerGc: overlappingGc(slow, producerGc),
      slowDuringConsumerGc: overlappingGc(slow, this.consumer.gc),
    };
    // BENCH_EVENTS_FILE=<prefix>: every event's times and both processes' GC pauses, for a closer look.
    if (process.env.BENCH_EVENTS_FILE) {
      const events = c.orders.map((o, k) => [producedAt[k], claimedAt.get(o) ?? null, c.committedAt[k]]);
      writeFileSync(
        `${process.env.BENCH_EVENTS_FILE}-${phase}.json`,
        JSON.stringify({ startedAt, events, producerGc, consumerGc: this.consumer.gc }),
      );
    }
    // Latency per second of the run: shows a queue building up, or stalls.
    const bySecond = new Map<number, number[]>();
    producedAt.forEach((at, k) => {
      const second = Math.floor((at - startedAt) / 1000);
      const list = bySecond.get(second);
      if (list) list.push(samples[k]);
      else bySecond.set(second, [samples[k]]);
    });
    return {
      latency: summarize(samples),
      commitToRelay: summarize(toRelay),
      relayToHandlerCommit: summarize(afterRelay),
      perSecond: [...bySecond.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([second, v]) => {
          const l = summarize(v);
          return { second, events: l.count, p50: l.p50, p99: l.p99, max: l.max };
        }),
      gc,
      offeredPerSecond: pace.offeredPerSecond,
      cpu: cpuBetween(before, after, this.cores, total),
      commitsPerEvent: commitsPerEvent(before, after, total),
    };
  }

  /** When the relay claimed each event of a phase (its transaction's now()), by order id. */
  private async relayClaimTimes(phase: string, since: number): Promise<Map<string, number>> {
    const rows = await this.ds.query<{ o: string; at: number }[]>(
      `SELECT payload::jsonb #>> '{data,orderId}' AS o, extract(epoch FROM published_at) * 1000 AS at
         FROM outbox WHERE created_at >= to_timestamp($1 / 1000.0) - interval '1 second' AND published_at IS NOT NULL`,
      [since],
    );
    const prefix = `${phase}:`;
    return new Map(rows.filter((r) => r.o.startsWith(prefix)).map((r) => [r.o, Number(r.at)]));
  }

  private async lastRelayBatchAt(): Promise<number> {
    const [row] = await this.ds.query<{ at: string }[]>(
      `SELECT extract(epoch FROM max(published_at)) * 1000 AS at FROM outbox`,
    );
    return Number(row.at);
  }

  /**
   * What the relay's claim query costs now, after the run: published rows leave dead entries at the
   * front of the pending index until VACUUM, and every claim steps over them.
   */
  async relayClaimCost(): Promise<RelayClaimCost> {
    const plan = await this.ds.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }[]>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT seq, id, subject, aggregate_id, payload, headers, attempts FROM outbox
        WHERE published_at IS NULL AND next_attempt_at <= now() ORDER BY seq LIMIT 500 FOR UPDATE SKIP LOCKED`,
    );
    const [stats] = await this.ds.query<{ live: number; dead: number; vacuums: number; pages: number }[]>(
      `SELECT n_live_tup::int AS live, n_dead_tup::int AS dead, (autovacuum_count + vacuum_count)::int AS vacuums,
              (SELECT relpages FROM pg_class WHERE relname = 'ix_outbox_pending')::int AS pages
         FROM pg_stat_user_tables WHERE relname = 'outbox'`,
    );
    const top = plan[0]['QUERY PLAN'][0];
    return {
      executionMs: top['Execution Time'],
      buffers: top.Plan['Shared Hit Blocks'] + top.Plan['Shared Read Blocks'],
      outboxLiveRows: stats.live,
      outboxDeadRows: stats.dead,
      outboxVacuums: stats.vacuums,
      pendingIndexPages: stats.pages,
    };
  }

  async verify(): Promise<{
    applied: number;
    duplicates: number;
    expected: number;
    outboxPending: number;
    deadLetters: number;
  }> {
    const counts = await appliedCounts(this.dbs.consumerUrl);
    return {
      applied: counts.applied,
      duplicates: counts.duplicates,
      expected: this.expected,
      outboxPending: await this.pending(),
      deadLetters: counts.deadLetters,
    };
  }
}

// ---------------------------------------------------------------------------------------------------

function log(line: string): void {
  console.log(`[event-pipeline] ${line}`);
}

async function versions(cfg: Config): Promise<{ postgres: string; synchronousCommit: string }> {
  const c = new Client({ connectionString: cfg.postgresUrl });
  await c.connect();
  try {
    const v = await c.query<{ server_version: string }>('SHOW server_version');
    const s = await c.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    return { postgres: v.rows[0].server_version, synchronousCommit: s.rows[0].synchronous_commit };
  } finally {
    await c.end();
  }
}

/** Which code was measured: the commit, and any local change to the messaging code under test. */
function codeState(): { commit: string; modified: string[] } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const modified = git(
      'status',
      '--porcelain',
      '--',
      'libs/platform/src/messaging',
      'libs/platform/src/database',
      'libs/contracts/src',
    )
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), modified };
  } catch {
    return { commit: 'unknown', modified: [] };
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const cfg = readConfig();
  const startedAt = new Date();
  const { cleanups, cleanup } = cleanupsOnExit(log);
  // BENCH_ALLOC_PROFILE=<file>: where this process (producer and relay, and the bench itself) allocates.
  if (process.env.BENCH_ALLOC_PROFILE) {
    const profile = startAllocationProfile(process.env.BENCH_ALLOC_PROFILE);
    cleanups.push(() => profile.stop());
  }

  try {
    const aggregates = Array.from({ length: cfg.aggregates }, () => uuidv7());
    const server = await versions(cfg);
    const code = codeState();
    if (code.modified.length) log(`measuring uncommitted changes in: ${code.modified.join(', ')}`);
    const missing = missingServiceFlags();
    if (missing.length)
      log(
        `WARNING: this process (the producing service) runs without the services' V8 flags ${missing.join(' ')}; \`npm run bench\` passes them`,
      );
    log(
      `machine: ${machine().cpus} cores, Postgres ${server.postgres} (synchronous_commit ${server.synchronousCommit}); consumer handler: ${cfg.handler}`,
    );
    // Other work on the machine (a lint, a test run) skews every figure: wait a little for quiet.
    let busyBefore = await machineBusyPct(1_000);
    for (let waited = 0; busyBefore !== undefined && busyBefore > QUIET_PCT && waited < 60; waited += 5) {
      log(`machine is ${busyBefore.toFixed(0)}% busy before the bench; waiting for it to calm down`);
      busyBefore = await machineBusyPct(5_000);
    }
    if (busyBefore !== undefined && busyBefore > QUIET_PCT)
      log(`WARNING: machine ${busyBefore.toFixed(0)}% busy with other work; figures will be low`);

    const raw = await rawNats(cfg, aggregates, cleanups);
    const floor = await floorLatency(
      {
        postgresUrl: cfg.postgresUrl,
        natsUrl: cfg.natsUrl,
        namespace: uniqueNamespace(),
        aggregates,
        rate: cfg.rate,
        seconds: cfg.seconds,
        lightRate: cfg.lightRate,
        lightSeconds: cfg.lightSeconds,
        lanes: cfg.consumer.concurrency,
        producerPool: cfg.producerPool,
      },
      cleanups,
    );
    log(
      `floor latency at ${cfg.rate} ev/s: p50 ${floor.latency.p50.toFixed(2)} ms, p99 ${floor.latency.p99.toFixed(2)} ms ` +
        `(machine ${floor.machineBusyPct?.toFixed(0) ?? '?'}% busy, floor consumer ${Math.round(floor.consumerCpuUsPerEvent)} µs CPU/event)`,
    );

    const pipeline = await Pipeline.start(cfg, aggregates, cleanups);
    log('pipeline up; each stage alone (warm-up, then measured)');
    await pipeline.stages('warmst', 2_000, cfg.eventsPerTransaction);
    const stages = await pipeline.stages('stage', cfg.events, cfg.eventsPerTransaction);
    log(
      `alone: producer ${Math.round(stages.producerPerSecond)} ev/s, relay ${Math.round(stages.relayPerSecond)} ev/s, consumer ${Math.round(stages.consumerPerSecond)} ev/s`,
    );
    await pipeline.startAll();
    await pipeline.throughput('warms', 1_000, 1, cfg.singleProducers);

    const batched = await pipeline.throughput('batch', cfg.events, cfg.eventsPerTransaction, 1);
    log(
      `pipeline, ${cfg.eventsPerTransaction} events/tx: ${Math.round(batched.eventsPerSecond)} ev/s (producer committed at ${Math.round(batched.committedPerSecond)} ev/s)`,
    );
    const single = await pipeline.throughput('single', cfg.singleEvents, 1, cfg.singleProducers);
    log(
      `pipeline, 1 event/tx x ${cfg.singleProducers} producers: ${Math.round(single.eventsPerSecond)} ev/s (producer committed at ${Math.round(single.committedPerSecond)} ev/s)`,
    );
    const steady = await pipeline.latency('lat', cfg.rate, cfg.seconds);
    log(
      `pipeline latency at ${Math.round(steady.offeredPerSecond)} ev/s: p50 ${steady.latency.p50.toFixed(2)} ms, p99 ${steady.latency.p99.toFixed(2)} ms`,
    );
    const light = await pipeline.latency('light', cfg.lightRate, cfg.lightSeconds);
    log(
      `pipeline latency at ${Math.round(light.offeredPerSecond)} ev/s: p50 ${light.latency.p50.toFixed(2)} ms, p99 ${light.latency.p99.toFixed(2)} ms`,
    );
    const check = await pipeline.verify();
    const claim = await pipeline.relayClaimCost();

    const rows: Row[] = [
      {
        key: 'raw.publish.eventsPerSecond',
        label: 'raw JetStream publish (batches of awaited publishes)',
        unit: 'ev/s',
        value: raw.publishPerSecond,
      },
      {
        key: 'raw.latency.p50Ms',
        label: `raw publish -> pull consumer p50 @ ${cfg.rate}/s`,
        unit: 'ms',
        value: raw.latency.p50,
      },
      {
        key: 'raw.latency.p99Ms',
        label: `raw publish -> pull consumer p99 @ ${cfg.rate}/s`,
        unit: 'ms',
        value: raw.latency.p99,
      },
      {
        key: 'pipeline.batched.eventsPerSecond',
        label: `pipeline throughput, ${cfg.eventsPerTransaction} events/tx`,
        unit: 'ev/s',
        value: batched.eventsPerSecond,
        floor: raw.publishPerSecond,
        target: { op: '>=', value: TARGETS.throughput },
      },
      {
        key: 'pipeline.single.eventsPerSecond',
        label: `pipeline throughput, 1 event/tx x ${cfg.singleProducers} producers`,
        unit: 'ev/s',
        value: single.eventsPerSecond,
        floor: raw.publishPerSecond,
      },
      {
        key: 'stage.producer.eventsPerSecond',
        label: `  stage alone: producer commits, ${cfg.eventsPerTransaction} events/tx`,
        unit: 'ev/s',
        value: stages.producerPerSecond,
      },
      {
        key: 'stage.relay.eventsPerSecond',
        label: '  stage alone: relay, outbox -> JetStream',
        unit: 'ev/s',
        value: stages.relayPerSecond,
        floor: raw.publishPerSecond,
      },
      {
        key: 'stage.consumer.eventsPerSecond',
        label: '  stage alone: consumer, JetStream -> handler commit',
        unit: 'ev/s',
        value: stages.consumerPerSecond,
      },
      {
        key: 'pipeline.latency.p50Ms',
        label: `commit -> handler commit p50 @ ${cfg.rate}/s`,
        unit: 'ms',
        value: steady.latency.p50,
        floor: raw.latency.p50,
      },
      {
        key: 'pipeline.latency.p90Ms',
        label: `commit -> handler commit p90 @ ${cfg.rate}/s`,
        unit: 'ms',
        value: steady.latency.p90,
        floor: raw.latency.p90,
      },
      {
        key: 'pipeline.latency.p99Ms',
        label: `commit -> handler commit p99 @ ${cfg.rate}/s`,
        unit: 'ms',
        value: steady.latency.p99,
        floor: raw.latency.p99,
        target: { op: '<=', value: TARGETS.latencyP99Ms },
      },
      {
        key: 'pipeline.latency.maxMs',
        label: `commit -> handler commit max @ ${cfg.rate}/s`,
        unit: 'ms',
        value: steady.latency.max,
        floor: raw.latency.max,
      },
      {
        key: 'floor.latency.p50Ms',
        label: `  floor (same pipeline, no framework) p50 @ ${cfg.rate}/s`,
        unit: 'ms',
        value: floor.latency.p50,
      },
      {
        key: 'floor.latency.p99Ms',
        label: `  floor (same pipeline, no framework) p99 @ ${cfg.rate}/s`,
        unit: 'ms',
        value: floor.latency.p99,
      },
      {
        key: 'pipeline.lightLatency.p50Ms',
        label: `commit -> handler commit p50 @ ${cfg.lightRate}/s`,
        unit: 'ms',
        value: light.latency.p50,
      },
      {
        key: 'pipeline.lightLatency.p99Ms',
        label: `commit -> handler commit p99 @ ${cfg.lightRate}/s`,
        unit: 'ms',
        value: light.latency.p99,
      },
    ];
    const reference = readReference(BENCH) ?? { figures: {}, measuredAt: undefined };
    const figures = Object.fromEntries(rows.map((r) => [r.key, round(r.value)]));
    const f2 = (v: number | undefined) => v?.toFixed(2) ?? '?';
    const cpuLine = (name: string, c: CpuShare, k: CommitsPerEvent) =>
      `${name}: machine ${c.machineBusyPct?.toFixed(0) ?? '?'}% busy; cores: producer+relay ${f2(c.producerCores)}, ` +
      `consumer ${f2(c.consumerCores)} (${c.consumerUsPerEvent.toFixed(0)} µs/event), Postgres ${f2(c.postgresCores)}, NATS ${f2(c.natsCores)}, other ${f2(c.otherCores)}; ` +
      `db commits/event: producer db ${f2(k.producerDb)}, consumer db ${f2(k.consumerDb)}`;

    console.log('');
    console.log(
      `event pipeline: outbox -> relay -> JetStream -> inbox   (${machine().cpus} cores, ${machine().cpuModel})` +
        (cfg.noNotify ? '   [EXPERIMENT: outbox NOTIFY trigger dropped]' : ''),
    );
    console.log(table(rows, reference.figures));
    console.log('');
    console.log(
      `reference: bench/baseline.json${reference.measuredAt ? ` (measured ${reference.measuredAt})` : ' (none yet)'}`,
    );
    console.log(
      `producer commit rate: ${Math.round(batched.committedPerSecond)} ev/s (${cfg.eventsPerTransaction}/tx), ${Math.round(single.committedPerSecond)} ev/s (1/tx); ` +
        `offered latency load: ${Math.round(steady.offeredPerSecond)} ev/s`,
    );
    console.log(
      `batched phase: last relay batch at ${(batched.relayLastBatchMs / 1000).toFixed(2)} s, last handler commit at ${(batched.lastHandlerCommitMs / 1000).toFixed(2)} s`,
    );
    const split = (rate: number, r: LatencyResult) =>
      `latency split @ ${rate}/s: commit -> relay claim p50 ${r.commitToRelay.p50.toFixed(2)} / p99 ${r.commitToRelay.p99.toFixed(2)} ms; ` +
      `relay claim -> handler commit p50 ${r.relayToHandlerCommit.p50.toFixed(2)} / p99 ${r.relayToHandlerCommit.p99.toFixed(2)} ms`;
    console.log(split(cfg.rate, steady));
    console.log(split(cfg.lightRate, light));
    const gcLine = (rate: number, r: LatencyResult) => {
      const g = (s: GcSummary) =>
        `${s.pauses} pauses (${s.majors} full), ${s.totalMs.toFixed(0)} ms in all, longest ${s.maxMs.toFixed(1)} ms`;
      return (
        `GC @ ${rate}/s: producer+relay ${g(r.gc.producer)}; consumer ${g(r.gc.consumer)}; ` +
        `events over ${TARGETS.latencyP99Ms} ms: ${r.gc.slowEvents}, of which ${r.gc.slowDuringProducerGc} waited through a producer GC, ${r.gc.slowDuringConsumerGc} a consumer GC`
      );
    };
    console.log(gcLine(cfg.rate, steady));
    console.log(gcLine(cfg.lightRate, light));
    console.log(cpuLine('consumer alone', stages.consumerCpu, stages.consumerCommitsPerEvent));
    console.log(cpuLine('batched phase', batched.cpu, batched.commitsPerEvent));
    console.log(cpuLine('1-event phase', single.cpu, single.commitsPerEvent));
    console.log(cpuLine('latency phase', steady.cpu, steady.commitsPerEvent));
    console.log(cpuLine('light latency', light.cpu, light.commitsPerEvent));
    if (stages.consumerPerSecond < cfg.rate)
      console.log(
        `note: ${cfg.rate} ev/s offered is more than the consumer applies even alone (${Math.round(stages.consumerPerSecond)} ev/s): ` +
          `latency at that rate is queueing delay that grows with the run's length; the ${cfg.lightRate}/s rows show the pipeline's own latency`,
      );
    console.log(
      `relay claim query after the run: ${claim.executionMs.toFixed(2)} ms, ${claim.buffers} buffers ` +
        `(outbox ${claim.outboxLiveRows} live / ${claim.outboxDeadRows} dead rows, ${claim.outboxVacuums} vacuums, pending index ${claim.pendingIndexPages} pages)`,
    );
    const disturbed =
      [stages.consumerCpu, batched.cpu, single.cpu, steady.cpu, light.cpu].some(
        (c) => (c.otherCores ?? 0) > 0.3,
      ) || (busyBefore ?? 0) > QUIET_PCT;
    if (disturbed)
      console.log(
        'WARNING: other processes used CPU during the run (see "other" above): figures are pessimistic; run again on a quiet machine',
      );
    console.log(
      `check: applied ${check.applied} of ${check.expected}, duplicates applied ${check.duplicates}, dead letters ${check.deadLetters}, outbox pending ${check.outboxPending}`,
    );

    const result = {
      bench: 'event-pipeline',
      startedAt: startedAt.toISOString(),
      durationSeconds: round((Date.now() - startedAt.getTime()) / 1000),
      machine: {
        ...machine(),
        postgres: server.postgres,
        synchronousCommit: server.synchronousCommit,
        nats: raw.natsVersion,
        busyBeforePct: round(busyBefore ?? NaN),
        disturbed,
      },
      code,
      config: { ...cfg, producerNodeFlags: process.execArgv, serviceNodeFlags: SERVICE_NODE_FLAGS },
      targets: TARGETS,
      figures,
      verdicts: Object.fromEntries(rows.filter((r) => r.target).map((r) => [r.key, verdict(r)])),
      reference: reference.figures,
      details: {
        raw: { ...raw, latency: roundAll(raw.latency) },
        floor: roundAll(floor),
        handler: cfg.handler,
        stages: roundAll(stages),
        batched: roundAll(batched),
        single: roundAll(single),
        latency: roundAll(steady),
        lightLatency: roundAll(light),
        relayClaimAfterRun: claim,
        check,
      },
    };
    console.log(`result: ${writeResult(BENCH, result)}`);
    if (process.env.BENCH_WRITE_BASELINE === '1' && cfg.noNotify)
      log('not writing a reference from an experiment');
    else if (process.env.BENCH_WRITE_BASELINE === '1') {
      if (disturbed) log('WARNING: writing a reference from a disturbed run');
      writeReference(BENCH, {
        measuredAt: result.startedAt,
        machine: result.machine,
        code,
        config: cfg,
        figures,
      });
      console.log('reference: bench/baseline.json updated with this run (BENCH_WRITE_BASELINE=1)');
    }
    if (check.applied !== check.expected || check.duplicates !== 0)
      throw new Error('the pipeline lost or duplicated events: figures are not valid');
  } finally {
    await cleanup();
  }
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : v);
function roundAll<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v))) as T;
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(`[event-pipeline] failed: ${e.stack ?? e.message}`);
    process.exit(1);
  },
);
