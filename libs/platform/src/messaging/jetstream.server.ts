import { contracts, ContractRegistry, Envelope, FieldError, parseSubject, ServiceName } from '@cx/contracts';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, Msg, Subscription } from '@nats-io/nats-core';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import {
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { uuidv7 } from '@cx/contracts';
import { joinInserts, literal, oneTransaction } from '../database/inline-sql';
import { DeadLetterReason } from '../database/platform.entities';
import { WRITE_ONLY_EXTRA } from './decorators';
import { EventContext, HandlerEffects, RequestContext, Statement, WriteOnlyViolation } from './event-context';
import { eventDelaySeconds, MessagingMetrics } from './messaging.metrics';
import { NatsClient } from './nats.connection';
import { isNotFound } from './streams';

export interface ConsumerOptions {
  /** How long the server waits for an ack before redelivering. Slow handlers send working() heartbeats. */
  ackWaitMs: number;
  /** Deliveries before a failing message is dead-lettered (counted by us, not by the server). */
  maxDeliveries: number;
  /** Delay before the first retry; doubles per delivery up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * Parallel lanes; messages of one aggregate always use the same lane, so they apply in order. Each
   * busy lane holds a database connection and commits its own batches: more lanes mean more, smaller
   * transactions and more backends competing for the same cores (docs/benchmarks.md, "Event pipeline").
   * Raise it for handlers that mostly wait (remote calls), not for database-bound ones.
   */
  concurrency: number;
  /**
   * Messages asked for per pull. The client library refills as messages arrive, so what one consumer
   * holds at once is bounded by the durable's max_ack_pending (twice this, at least 1000).
   */
  maxInFlight: number;
  /**
   * Send working() every half ack wait for every message this worker holds, from receipt until its
   * ack or nak: while its handler runs and while it waits in its lane behind a slow message.
   */
  heartbeat: boolean;
  /**
   * Messages of one lane applied in one transaction: one commit per batch instead of per message. A
   * failure rolls the batch back and its messages are applied one by one.
   */
  batchSize: number;
  /**
   * Pooled connections the lanes leave free: all lanes of all sources together apply at most the pool
   * size less this many batches at once. A handler that reads through the pool (a cached read's loader)
   * while its lane's transaction holds a connection then always finds one; with every connection held by
   * a lane waiting for such a read, the consumer used to stop for good.
   */
  poolReserve: number;
}

export const DEFAULT_CONSUMER_OPTIONS: ConsumerOptions = {
  ackWaitMs: 30_000,
  maxDeliveries: 5,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  concurrency: 8,
  maxInFlight: 512,
  heartbeat: true,
  batchSize: 64,
  poolReserve: 2,
};

/** A counter of free places with a queue of waiters: `acquire()` resolves when one is free. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

type Outcome = 'applied' | 'duplicate' | 'skipped' | 'retried' | 'dead-lettered';

/** The metric children of one (consumer, subject): prom-client's labels() hashes its labels on every call. */
type SubjectMetrics = Record<Outcome, { inc(): void }> & { handleSeconds: { observe(v: number): void } };

interface ConsumerMetrics {
  redeliveries: { inc(): void };
  eventDelay: { observe(v: number): void };
}

interface Lane {
  queue: JsMsg[];
  /**
   * True from the moment a message starts the lane's drain until the drain finds the queue empty, set
   * and cleared in the same synchronous step as that check: a message queued a microtask later starts a
   * new drain. (Cleared in a `.finally` instead, it left a message queued in between waiting forever.)
   */
  draining: boolean;
}

/** A first delivery whose contract holds, ready for its handler. */
interface ReadyMessage {
  m: JsMsg;
  decoded: Decoded;
  logical: string;
}

interface Decoded {
  envelope: Envelope;
  payload: unknown;
  handler: MessageHandler;
}

class Rejected extends Error {
  constructor(
    readonly reason: DeadLetterReason,
    message: string,
    readonly messageId?: string,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The message headers the registered propagator reads (traceparent, tracestate, baggage), not a copy of
 * all of them: with no propagator registered (no tracing) there is nothing to copy.
 */
function traceCarrier(headers: JsMsg['headers'] | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (!headers) return carrier;
  for (const field of propagation.fields()) {
    const v = headers.get(field);
    if (v) carrier[field] = v;
  }
  return carrier;
}

/** The API's no-op tracer provider: what a provider with no delegate hands out (no SDK registered). */
const NOOP_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate();

/**
 * Whether a tracer provider is registered (initTracing in observability/tracing.ts). Asked per message: a
 * provider may be registered or unregistered after the transport started. Without one, every span the API
 * makes is a non-recording one, so the consumer makes none (nor its name and attribute map).
 */
function tracerProviderRegistered(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NOOP_TRACER_PROVIDER;
}

/** What a handler's work sees for a span when none is recorded: its methods do nothing. */
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

const fieldList = (errors: FieldError[]) =>
  errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ');

/**
 * Nest transport strategy for our NATS backbone.
 * - `@EventPattern(subject)` handlers are served from durable JetStream pull consumers, one per
 *   (this service, source stream). Each message is validated against its contract, then applied in a
 *   transaction that first inserts (consumer, message id) into the inbox: a redelivered or re-published
 *   message finds the row and is acked without effect. Ack only after commit; failures nak with a
 *   growing delay; after maxDeliveries, or at once for a contract violation, the message goes to the
 *   dead-letter table (in the same transaction as its inbox row) and the consumer moves on.
 * - `@MessagePattern(subject)` handlers answer core NATS requests in a queue group named after the
 *   service, so replicas share the load.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private readonly log = new Logger('JetStreamServer');
  private readonly opts: ConsumerOptions;
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private readonly iterators = new Set<ConsumerMessages>();
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Messages received and not yet acked or nakked: the heartbeat keeps them from being redelivered. */
  private readonly held = new Set<JsMsg>();
  private heartbeat?: NodeJS.Timeout;
  /** Acks of committed messages, sent together at the end of this turn of the event loop (see ack()). */
  private pendingAcks: JsMsg[] = [];
  private ackFlush?: NodeJS.Immediate;
  /** Bodies laneOf() parsed to find a message's aggregate, for its first decode (see decodeMessage). */
  private readonly parsedBodies = new WeakMap<JsMsg, unknown>();
  /** Subjects whose writeOnly handler used ctx.em: warned once each. */
  private readonly warnedWriteOnly = new Set<string>();
  /** Batches applied at once, over every lane of every source: the pool size less the reserve. */
  private readonly batchSlots: Slots;
  /** While the database is unreachable: resolves once it answers again (shared by all lanes). */
  private databaseBack?: Promise<void>;
  private readonly metricChildren = new Map<string, SubjectMetrics>();
  /** Per consumer: its redelivery counter and event-delay histogram, resolved once (see subjectMetrics). */
  private readonly consumerMetricChildren = new Map<string, ConsumerMetrics>();

  constructor(
    private readonly service: ServiceName,
    private readonly nats: NatsClient,
    private readonly dataSource: DataSource,
    options: Partial<ConsumerOptions> = {},
    private readonly metrics?: MessagingMetrics,
    private readonly registry: ContractRegistry = contracts,
  ) {
    super();
    this.opts = { ...DEFAULT_CONSUMER_OPTIONS, ...options };
    const poolSize = (dataSource.options as { extra?: { max?: number } } | undefined)?.extra?.max ?? 10;
    this.batchSlots = new Slots(Math.max(1, poolSize - this.opts.poolReserve));
  }

  on(): never {
    throw new Error('JetStreamServer does not emit events');
  }

  unwrap<T>(): T {
    return this.nats.nc as T;
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      this.refuseSecondHandlers();
      await this.nats.connect();
      await this.nats.ensureStream(this.service);
      this.running = true;
      if (this.opts.heartbeat && this.opts.ackWaitMs >= 2)
        this.heartbeat = setInterval(
          () => this.held.forEach((m) => m.working()),
          Math.floor(this.opts.ackWaitMs / 2),
        ).unref();
      const bySource = new Map<ServiceName, string[]>();
      for (const [pattern, handler] of this.messageHandlers) {
        const parsed = parseSubject(pattern);
        if (handler.isEventHandler) {
          if (parsed?.kind !== 'event')
            throw new Error(`@EventPattern('${pattern}') is not an event subject`);
          bySource.set(parsed.service, [...(bySource.get(parsed.service) ?? []), pattern]);
        } else {
          if (parsed?.kind !== 'request' || parsed.service !== this.service)
            throw new Error(`@MessagePattern('${pattern}') must be an rpc.${this.service}.* subject`);
          this.serveRequests(pattern, handler);
        }
      }
      for (const source of bySource.keys()) {
        await this.nats.ensureStream(source);
        await this.ensureConsumer(source);
        this.loops.push(this.consume(source));
      }
      callback();
    } catch (e) {
      callback(e);
    }
  }

  /**
   * Nest chains a second @OnEvent handler of a subject behind the first (`next`), and the transport runs
   * only the first: the second would never be called. Refuse to start instead of dropping it quietly.
   */
  private refuseSecondHandlers(): void {
    for (const [pattern, handler] of this.messageHandlers)
      if (handler.isEventHandler && handler.next)
        throw new Error(
          `${this.service} has two @OnEvent handlers for ${pattern}; only one would run: call the other from it`,
        );
  }

  /** Stops taking messages, lets in-flight handlers finish and ack, then returns. Idempotent. */
  async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const sub of this.subscriptions) await sub.drain().catch(() => sub.unsubscribe());
    for (const it of this.iterators) await it.close().catch(() => undefined);
    await Promise.allSettled(this.loops);
    await Promise.allSettled([...this.inFlight]);
    this.flushAcks();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  durableName(source: ServiceName): string {
    return this.nats.naming.durable(this.service, source);
  }

  private async ensureConsumer(source: ServiceName): Promise<void> {
    const stream = this.nats.naming.stream(source);
    const config = {
      durable_name: this.durableName(source),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.nats.naming.streamSubjects(source),
      ack_wait: this.opts.ackWaitMs * 1_000_000,
      // We count deliveries ourselves and dead-letter in Postgres before giving up: the server's own
      // max-deliveries advisory is lost if nobody listens.
      max_deliver: -1,
      max_ack_pending: Math.max(this.opts.maxInFlight * 2, 1000),
    };
    try {
      const info = await this.nats.jsm.consumers.info(stream, config.durable_name);
      if (info.config.ack_wait !== config.ack_wait || info.config.max_ack_pending !== config.max_ack_pending)
        await this.nats.jsm.consumers.update(stream, config.durable_name, {
          ack_wait: config.ack_wait,
          max_ack_pending: config.max_ack_pending,
        });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await this.nats.jsm.consumers.add(stream, config);
    }
  }

  private async consume(source: ServiceName): Promise<void> {
    const stream = this.nats.naming.stream(source);
    const durable = this.durableName(source);
    const lanes: Lane[] = Array.from({ length: this.opts.concurrency }, () => ({
      queue: [],
      draining: false,
    }));
    while (this.running) {
      try {
        const consumer = await this.nats.js.consumers.get(stream, durable);
        const messages = await consumer.consume({ max_messages: this.opts.maxInFlight });
        this.iterators.add(messages);
        if (!this.running) {
          // close() ran while the consumer was being set up and found no iterator to close: without this
          // the loop below would wait for a message that never comes, and close() for the loop.
          // close() stops the pull at once; the promise it returns settles only once the iterator has been
          // read to its end, which nobody will do here.
          this.iterators.delete(messages);
          void messages.close();
          break;
        }
        try {
          for await (const m of messages) {
            if (!this.running) break; // not acked: redelivered to another replica after the ack wait
            // A subject of the source stream this service does not listen to (the consumer takes the whole
            // stream: a server without multi-filter consumers): acked now, without a lane, a decode or a
            // round trip. crm's own purchase events were 5 % of its bulk ingest's CPU this way (ADR 45).
            const logical = this.nats.naming.logical(m.subject);
            if (!this.messageHandlers.get(logical)?.isEventHandler) {
              this.ack(m);
              this.subjectMetrics(durable, logical)?.skipped.inc();
              continue;
            }
            // Held (and heartbeated) from receipt: a message waiting in its lane behind a slow one must not
            // be redelivered to another worker, which would apply it out of order or count it as a failure.
            // Take every message at once: the client library keeps pulling while this loop waits, so a
            // message left in its buffer would get no heartbeat. The consumer's max_ack_pending bounds how
            // many messages this worker can hold.
            this.held.add(m);
            const lane = lanes[this.laneOf(m, lanes.length)];
            lane.queue.push(m);
            if (!lane.draining) {
              lane.draining = true;
              const work: Promise<void> = this.drainLane(durable, lane).finally(() =>
                this.inFlight.delete(work),
              );
              this.inFlight.add(work);
            }
          }
        } finally {
          this.iterators.delete(messages);
        }
      } catch (e) {
        if (!this.running) break;
        this.log.warn(`consumer ${durable} interrupted: ${(e as Error).message}; resuming`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  /** Applies a lane's messages in arrival order, what has queued up meanwhile in one transaction. */
  private async drainLane(consumer: string, lane: Lane): Promise<void> {
    try {
      while (lane.queue.length > 0) {
        await this.batchSlots.acquire();
        const batch = lane.queue.splice(0, this.opts.batchSize);
        try {
          if (batch.length === 1 && !this.writeOnlyFirstDelivery(batch[0]))
            await this.process(consumer, batch[0]);
          else await this.processBatch(consumer, batch);
        } finally {
          this.batchSlots.release();
          for (const m of batch) this.held.delete(m);
        }
      }
    } finally {
      lane.draining = false;
    }
  }

  /**
   * The common case of a busy lane: first deliveries of valid messages applied in one transaction.
   * Anything unusual (no handler, invalid, redelivered) and any failure goes through the one-message
   * path, which knows how to retry and dead-letter.
   */
  private async processBatch(consumer: string, batch: JsMsg[]): Promise<void> {
    const started = performance.now();
    const ready: ReadyMessage[] = [];
    const unusual: JsMsg[] = [];
    for (const m of batch) {
      const logical = this.nats.naming.logical(m.subject);
      const handler = this.messageHandlers.get(logical);
      if (!handler?.isEventHandler || m.info.deliveryCount > 1) {
        unusual.push(m);
        continue;
      }
      try {
        ready.push({ m, decoded: this.decodeMessage(m, logical, handler), logical });
      } catch {
        unusual.push(m);
      }
    }
    for (const m of unusual) await this.process(consumer, m);
    // Messages of write-only handlers at the front of the batch: one round trip for all of them (ADR 0010).
    let fast = 0;
    while (fast < ready.length && ready[fast].decoded.handler.extras?.[WRITE_ONLY_EXTRA] === true) fast++;
    if (fast > 0) {
      const head = ready.slice(0, fast);
      const outcome = await this.applyWriteOnly(consumer, head, started);
      if (outcome !== 'fallback') {
        ready.splice(0, fast); // applied, or handled one by one below: not part of the transaction that follows
        if (outcome !== 'applied') {
          this.log.warn(
            `write-only batch of ${head.length} on ${consumer}: a handler failed (${outcome.error.message}); one by one`,
          );
          await this.failOneApplyRest(consumer, head, outcome);
        }
      }
    }
    if (ready.length === 0) return;

    const applied: boolean[] = [];
    let failure: { index: number; error: Error } | undefined;
    let afterCommit: (() => void)[] = [];
    try {
      await this.dataSource.transaction(async (em) => {
        applied.length = 0;
        afterCommit = [];
        // Inbox rows first, for the whole batch in one statement: a message whose row was there already
        // (applied before, or an earlier copy in this batch) is a duplicate and its handler does not run.
        const claimed = await this.claimBatch(em, consumer, ready);
        for (const [index, { m, decoded }] of ready.entries()) {
          if (!claimed.delete(decoded.envelope.id.toLowerCase())) {
            applied.push(false);
            continue;
          }
          const facts = {
            deliveryCount: m.info.deliveryCount,
            streamSequence: m.seq,
            consumer,
            replay: false,
          };
          try {
            applied.push(await this.apply(consumer, decoded, m.headers, facts, afterCommit, em, true));
          } catch (error) {
            failure = { index, error: error as Error };
            throw error;
          }
        }
      });
    } catch (e) {
      // Nothing of the batch was applied. The message whose handler failed counts this delivery as a
      // failure (retry later or dead-letter, as on its own); the others, and all of them when the
      // transaction itself failed or the database is away, go through the one-message path in order.
      this.log.warn(
        `batch of ${ready.length} on ${consumer} rolled back (${(e as Error).message}); one by one`,
      );
      await this.failOneApplyRest(consumer, ready, failure);
      return;
    }
    this.runAfterCommit(afterCommit);
    this.settled(consumer, ready, started, applied);
  }

  /** After a batch committed: acks every message and counts it applied (or duplicate, per `applied`). */
  private settled(consumer: string, items: ReadyMessage[], started: number, applied?: boolean[]): void {
    const seconds = (performance.now() - started) / 1000 / items.length;
    for (const [i, { m, decoded, logical }] of items.entries()) {
      this.ack(m);
      const metrics = this.subjectMetrics(consumer, logical);
      const wasApplied = applied === undefined || applied[i];
      (wasApplied ? metrics?.applied : metrics?.duplicate)?.inc();
      metrics?.handleSeconds.observe(seconds);
      if (wasApplied) this.observeEventDelay(consumer, decoded.envelope.id);
    }
  }

  /**
   * After a batch applied nothing: the message whose handler failed counts this delivery as a failure
   * (retry later or dead-letter, as on its own) unless the database is away; the others go through the
   * one-message path in order.
   */
  private async failOneApplyRest(
    consumer: string,
    items: ReadyMessage[],
    failure: { index: number; error: Error } | undefined,
  ): Promise<void> {
    const handlerFailed = failure !== undefined && (await this.databaseAnswers());
    for (const [index, { m, decoded, logical }] of items.entries()) {
      if (handlerFailed && index === failure.index) {
        const outcome = await this.failed(
          consumer,
          m,
          decoded,
          logical,
          m.info.deliveryCount,
          failure.error,
        ).catch((err: Error) => {
          this.log.error(`message ${m.seq} on ${logical} not processed: ${err.message}`);
          m.nak(this.retryDelay(m.info.deliveryCount));
          return 'retried' as const;
        });
        this.subjectMetrics(consumer, logical)?.[outcome].inc();
      } else await this.process(consumer, m);
    }
  }

  /** A first delivery for a handler declared writeOnly: worth the batch path even alone (one round trip). */
  private writeOnlyFirstDelivery(m: JsMsg): boolean {
    if (m.info.deliveryCount > 1) return false;
    return this.messageHandlers.get(this.nats.naming.logical(m.subject))?.extras?.[WRITE_ONLY_EXTRA] === true;
  }

  /**
   * First deliveries for write-only handlers, applied in one round trip (ADR 0010): the handlers run
   * first and only queue statements (`ctx.write`), then their inbox rows and statements go to Postgres as
   * one simple-protocol query, which runs as one implicit transaction (their insertValues() rows joined
   * into one INSERT per head, ADR 0036). The inbox rows are inserted without
   * ON CONFLICT: a message applied before makes the whole query fail and roll back, as does any failing
   * statement. Otherwise nothing was applied: a handler that threw is reported (that delivery failed, as
   * in a rolled-back batch); on anything else (a handler used `ctx.em`, the query failed, the database is
   * away) it returns 'fallback' and the caller applies the messages the careful way (inbox claim first,
   * then each handler in the open transaction), running their handlers again.
   */
  private async applyWriteOnly(
    consumer: string,
    items: ReadyMessage[],
    started: number,
  ): Promise<'applied' | 'fallback' | { index: number; error: Error }> {
    const statements: Statement[] = [];
    const afterCommit: (() => void)[] = [];
    // The inbox rows, in id order (as claimBatch), written as literals at once: a text with its values in
    // it, never parsed for parameters (no params).
    const who = literal(consumer);
    const rows = items
      .map(({ decoded }) => decoded.envelope)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((e) => `(${who}, ${literal(e.id)}, ${literal(e.type)})`);
    const inbox = { sql: `INSERT INTO inbox (consumer, message_id, subject) VALUES ${rows.join(', ')}` };
    for (const [index, { m, decoded }] of items.entries()) {
      const effects = new HandlerEffects();
      const facts = { deliveryCount: m.info.deliveryCount, streamSequence: m.seq, consumer, replay: false };
      try {
        await this.traced(decoded, m.headers, consumer, () =>
          this.runHandler(decoded, undefined, facts, effects),
        );
      } catch (e) {
        if (!(e instanceof WriteOnlyViolation)) return { index, error: e as Error };
        if (!this.warnedWriteOnly.has(e.subject)) {
          this.warnedWriteOnly.add(e.subject);
          this.log.warn(e.message);
        }
        return 'fallback';
      }
      statements.push(...effects.writes);
      afterCommit.push(...effects.afterCommit);
    }
    // Straight on the pooled pg connection: a failure here is expected now and then (a message applied
    // before) and is not worth TypeORM's query-error log line with every value in it.
    const runner = this.dataSource.createQueryRunner();
    try {
      const connection = (await runner.connect()) as { query(sql: string): Promise<unknown> };
      await connection.query(oneTransaction([inbox, ...joinInserts(statements)]));
    } catch {
      return 'fallback';
    } finally {
      await runner.release();
    }
    this.runAfterCommit(afterCommit);
    this.settled(consumer, items, started);
    return 'applied';
  }

  /** Callbacks handlers registered with ctx.onCommit(), once their transaction has committed. */
  private runAfterCommit(callbacks: (() => void)[]): void {
    for (const fn of callbacks) {
      try {
        fn();
      } catch (e) {
        this.log.error(`an onCommit callback failed: ${(e as Error).message}`);
      }
    }
  }

  /**
   * Inserts the inbox rows of a batch in one statement and returns the ids it inserted. Ids come back in lower case.
   * Rows are inserted in id order, so two transactions claiming overlapping ids lock them in the same order.
   * An id already present (or twice in the batch) is inserted once at most: ON CONFLICT DO NOTHING.
   */
  private async claimBatch(
    em: EntityManager,
    consumer: string,
    ready: { decoded: Decoded }[],
  ): Promise<Set<string>> {
    const rows = ready
      .map(({ decoded }) => [decoded.envelope.id, decoded.envelope.type] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const claimed: { message_id: string }[] = await em.query(
      `INSERT INTO inbox (consumer, message_id, subject)
       SELECT $1, message_id, subject FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS m(message_id, subject, n) ORDER BY n
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [consumer, rows.map((r) => r[0]), rows.map((r) => r[1])],
    );
    // Postgres returns uuids in lower case: compare in lower case (an id in upper case is the same row).
    return new Set(claimed.map((r) => r.message_id.toLowerCase()));
  }

  /** The metric children of one (consumer, subject), resolved once: labels() hashes its labels on every call. */
  private subjectMetrics(consumer: string, subject: string): SubjectMetrics | undefined {
    if (!this.metrics) return undefined;
    const key = `${consumer}\u0000${subject}`;
    let c = this.metricChildren.get(key);
    if (!c) {
      const counter = this.metrics.consumed;
      const outcome = (o: Outcome) => counter.labels({ consumer, subject, outcome: o });
      c = {
        applied: outcome('applied'),
        duplicate: outcome('duplicate'),
        skipped: outcome('skipped'),
        retried: outcome('retried'),
        'dead-lettered': outcome('dead-lettered'),
        handleSeconds: this.metrics.handleSeconds.labels({ consumer, subject }),
      };
      this.metricChildren.set(key, c);
    }
    return c;
  }

  private consumerMetrics(consumer: string): ConsumerMetrics | undefined {
    if (!this.metrics) return undefined;
    let c = this.consumerMetricChildren.get(consumer);
    if (!c) {
      c = {
        redeliveries: this.metrics.redeliveries.labels({ consumer }),
        eventDelay: this.metrics.eventDelay.labels({ consumer }),
      };
      this.consumerMetricChildren.set(consumer, c);
    }
    return c;
  }

  /**
   * The event's delay (eventDelaySeconds) through the consumer's bound histogram, from the envelope's id
   * (the relay's Nats-Msg-Id is the same id; reading it decoded the message's headers only for this).
   */
  private observeEventDelay(consumer: string, eventId: string): void {
    const metrics = this.consumerMetrics(consumer);
    if (!metrics) return;
    const seconds = eventDelaySeconds(eventId);
    if (seconds !== undefined) metrics.eventDelay.observe(seconds);
  }

  /**
   * Acks a message whose outcome is committed. The ack is sent at the end of this turn of the event loop
   * (setImmediate), with the acks of every other lane whose transaction ended in the same turn: one write
   * to NATS for all of them. nats-core already sends the acks queued in one synchronous run together
   * (a batch's), but each lane's COMMIT completes in its own socket callback, so without this every
   * transaction cost a write of its own. Still after the commit; close() sends what is pending.
   */
  private ack(m: JsMsg): void {
    this.pendingAcks.push(m);
    this.ackFlush ??= setImmediate(() => this.flushAcks());
  }

  private flushAcks(): void {
    if (this.ackFlush) clearImmediate(this.ackFlush);
    this.ackFlush = undefined;
    const acks = this.pendingAcks;
    this.pendingAcks = [];
    for (const m of acks) {
      try {
        m.ack();
      } catch (e) {
        // Connection closed: the message is redelivered after the ack wait and the inbox absorbs it.
        this.log.warn(`ack of message ${m.seq} not sent: ${(e as Error).message}`);
      }
    }
  }

  /**
   * Messages of one aggregate share a lane: they apply in stream order. The aggregate is the relay's
   * Cx-Aggregate-Id header, else the envelope's aggregateId (a producer that sets no header: a script, a
   * bench, another platform's relay), else the subject. Without the envelope's id every such message of a
   * subject went to one lane, one batch at a time: a backlog of them waited on each batch's round trip in
   * turn while the other lanes stood idle. The body parsed for it is kept for decode().
   */
  private laneOf(m: JsMsg, lanes: number): number {
    const key = m.headers?.get('Cx-Aggregate-Id') || this.envelopeAggregateId(m) || m.subject;
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
    return Math.abs(h) % lanes;
  }

  private envelopeAggregateId(m: JsMsg): string | undefined {
    let json: unknown;
    try {
      json = JSON.parse(m.string());
    } catch {
      return undefined; // decode() rejects it
    }
    this.parsedBodies.set(m, json);
    const id = (json as { aggregateId?: unknown } | null)?.aggregateId;
    return typeof id === 'string' ? id : undefined;
  }

  /** The message's envelope, checked: its body parsed in laneOf() (once: a retry parses afresh) or now. */
  private decodeMessage(m: JsMsg, logical: string, handler: MessageHandler): Decoded {
    const parsed = this.parsedBodies.get(m);
    if (parsed === undefined) return this.decode(m.string(), logical, handler);
    this.parsedBodies.delete(m);
    return this.decodeJson(parsed, logical, handler);
  }

  private async process(consumer: string, m: JsMsg): Promise<void> {
    const started = performance.now();
    const deliveries = m.info.deliveryCount;
    if (deliveries > 1) this.consumerMetrics(consumer)?.redeliveries.inc();
    const logical = this.nats.naming.logical(m.subject);
    let outcome: Outcome;
    try {
      outcome = await this.handle(consumer, m, logical, deliveries);
    } catch (e) {
      // Could not even record a dead letter (database away): try again later.
      this.log.error(`message ${m.seq} on ${logical} not processed: ${(e as Error).message}`);
      m.nak(this.retryDelay(deliveries));
      outcome = 'retried';
    }
    const metrics = this.subjectMetrics(consumer, logical);
    metrics?.[outcome].inc();
    metrics?.handleSeconds.observe((performance.now() - started) / 1000);
  }

  private async handle(consumer: string, m: JsMsg, logical: string, deliveries: number): Promise<Outcome> {
    const handler = this.messageHandlers.get(logical);
    if (!handler?.isEventHandler) {
      this.ack(m); // a subject of the source stream this service does not listen to
      return 'skipped';
    }
    let decoded: Decoded;
    try {
      decoded = this.decodeMessage(m, logical, handler);
    } catch (e) {
      if (!(e instanceof Rejected)) throw e;
      await this.deadLetter(consumer, m, e.reason, e.message, e.messageId);
      this.ack(m);
      return 'dead-lettered';
    }
    if (deliveries > this.opts.maxDeliveries) {
      // A previous delivery never finished (the process died mid-handler): stop the crash loop.
      await this.deadLetter(
        consumer,
        m,
        'max-deliveries',
        `gave up after ${deliveries - 1} unfinished deliveries`,
        decoded.envelope.id,
      );
      this.ack(m);
      return 'dead-lettered';
    }
    try {
      const applied = await this.applyOnceDatabaseAnswers(consumer, decoded, m, {
        deliveryCount: deliveries,
        streamSequence: m.seq,
        consumer,
        replay: false,
      });
      this.ack(m);
      if (applied) this.observeEventDelay(consumer, decoded.envelope.id);
      return applied ? 'applied' : 'duplicate';
    } catch (e) {
      return this.failed(consumer, m, decoded, logical, deliveries, e as Error);
    }
  }

  /** A handler failed: retry later with a growing delay, or dead-letter on the last allowed delivery. */
  private async failed(
    consumer: string,
    m: JsMsg,
    decoded: Decoded,
    logical: string,
    deliveries: number,
    error: Error,
  ): Promise<Outcome> {
    if (deliveries >= this.opts.maxDeliveries) {
      await this.deadLetter(
        consumer,
        m,
        'max-deliveries',
        `${error.name}: ${error.message}`,
        decoded.envelope.id,
      );
      this.ack(m);
      return 'dead-lettered';
    }
    this.log.warn(`${logical} ${decoded.envelope.id} failed on delivery ${deliveries}: ${error.message}`);
    m.nak(this.retryDelay(deliveries));
    return 'retried';
  }

  /**
   * apply(), tried again in place while the database cannot be reached. An outage is not the message's
   * fault: nakking would use up its deliveries and dead-letter every message in flight once the outage
   * outlasts the retry budget. The message stays held (heartbeat) meanwhile; after a crash the ambiguous
   * commit is resolved by the inbox.
   */
  private async applyOnceDatabaseAnswers(
    consumer: string,
    decoded: Decoded,
    m: JsMsg,
    facts: EventContext['delivery'],
  ): Promise<boolean> {
    for (;;) {
      try {
        const afterCommit: (() => void)[] = [];
        const applied = await this.apply(consumer, decoded, m.headers, facts, afterCommit);
        this.runAfterCommit(afterCommit);
        return applied;
      } catch (e) {
        if (!this.running || (await this.databaseAnswers())) throw e;
        await this.waitForDatabase((e as Error).message);
      }
    }
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private waitForDatabase(cause: string): Promise<void> {
    if (!this.databaseBack) {
      this.log.warn(`database unreachable (${cause}): holding messages until it answers`);
      this.databaseBack = (async () => {
        for (let i = 1; this.running; i++) {
          await new Promise((r) => setTimeout(r, Math.min(this.retryDelay(i), 5_000)));
          if (await this.databaseAnswers()) return;
        }
      })().finally(() => (this.databaseBack = undefined));
    }
    return this.databaseBack;
  }

  private retryDelay(deliveries: number): number {
    return Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** Math.max(0, deliveries - 1));
  }

  private decode(raw: string, logical: string, handler: MessageHandler): Decoded {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Rejected('contract', 'body is not JSON');
    }
    return this.decodeJson(json, logical, handler);
  }

  private decodeJson(json: unknown, logical: string, handler: MessageHandler): Decoded {
    const id = (json as { id?: unknown })?.id;
    const messageId = typeof id === 'string' && UUID.test(id) ? id : undefined;
    const env = this.registry.validateEnvelope(json);
    if (!env.ok) throw new Rejected('contract', `envelope: ${fieldList(env.errors)}`, messageId);
    if (env.value.type !== logical)
      throw new Rejected('contract', `envelope type ${env.value.type} arrived on ${logical}`, messageId);
    // The handler gets the JSON itself when it conforms: no instance copied from it (ADR 0050).
    const payload = this.registry.validateJsonPayload(logical, env.value.data);
    if (!payload.ok)
      throw new Rejected(
        'contract',
        `data: ${fieldList(payload.errors.map((f) => ({ ...f, field: f.field })))}`,
        messageId,
      );
    return { envelope: env.value, payload: payload.value, handler };
  }

  /**
   * Runs the handler in a transaction that starts by claiming the inbox row (its own transaction, or
   * the caller's `em`; with `claimed` the caller's transaction holds the row already, see claimBatch).
   * Returns false when the row was there already (the message was applied before). A concurrent delivery
   * of the same message blocks on the row until the first transaction ends, then sees it. What the
   * handler wants run after the commit is added to `afterCommit`, for whoever commits.
   */
  private apply(
    consumer: string,
    decoded: Decoded,
    headers: JsMsg['headers'],
    facts: EventContext['delivery'],
    afterCommit: (() => void)[],
    em?: EntityManager,
    claimed = false,
  ): Promise<boolean> {
    return this.traced(decoded, headers, consumer, async (span) => {
      let applied = true;
      if (claimed && em) await this.handleClaimed(em, decoded, facts, afterCommit);
      else if (em) applied = await this.claimAndHandle(em, consumer, decoded, facts, afterCommit);
      else
        applied = await this.dataSource.transaction((tx) =>
          this.claimAndHandle(tx, consumer, decoded, facts, afterCommit),
        );
      span.setAttribute('cx.inbox.duplicate', !applied);
      return applied;
    });
  }

  /** Runs `work` in the message's consumer span, a child of the producer's trace (W3C headers). */
  private traced<T>(
    decoded: Decoded,
    headers: JsMsg['headers'],
    consumer: string,
    work: (span: Span) => Promise<T>,
  ): Promise<T> {
    if (!tracerProviderRegistered()) {
      // No span would be recorded: make none. A propagator registered on its own (tracing.ts registers
      // both together) still finds the producer's context active in the handler, for what it publishes.
      if (propagation.fields().length === 0) return work(NO_SPAN);
      return context.with(propagation.extract(ROOT_CONTEXT, traceCarrier(headers)), work, undefined, NO_SPAN);
    }
    const parent = propagation.extract(ROOT_CONTEXT, traceCarrier(headers));
    const tracer = trace.getTracer('cx-platform');
    return tracer.startActiveSpan(
      `${decoded.envelope.type} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': decoded.envelope.type,
          'messaging.message.id': decoded.envelope.id,
          'messaging.consumer.group.name': consumer,
        },
      },
      parent,
      async (span) => {
        try {
          return await work(span);
        } catch (e) {
          span.recordException(e as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
          throw e;
        } finally {
          span.end();
        }
      },
    );
  }

  /** Claims the inbox row first; false when it was there already (applied before). */
  private async claimAndHandle(
    em: EntityManager,
    consumer: string,
    decoded: Decoded,
    facts: EventContext['delivery'],
    afterCommit: (() => void)[],
  ): Promise<boolean> {
    if (facts.replay)
      await em.query(`DELETE FROM inbox WHERE consumer = $1 AND message_id = $2`, [
        consumer,
        decoded.envelope.id,
      ]);
    const claimed: unknown[] = await em.query(
      `INSERT INTO inbox (consumer, message_id, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [consumer, decoded.envelope.id, decoded.envelope.type],
    );
    if (claimed.length === 0) return false;
    await this.handleClaimed(em, decoded, facts, afterCommit);
    return true;
  }

  /** Runs the handler in the transaction that holds the message's inbox row, then the statements it queued. */
  private async handleClaimed(
    em: EntityManager,
    decoded: Decoded,
    facts: EventContext['delivery'],
    afterCommit: (() => void)[],
  ): Promise<void> {
    const effects = new HandlerEffects();
    await this.runHandler(decoded, em, facts, effects);
    for (const w of effects.writes) await em.query(w.sql, w.params as unknown[] | undefined);
    afterCommit.push(...effects.afterCommit);
  }

  /** Calls the handler; without `em` (write-only batch) it may only queue statements. */
  private async runHandler(
    decoded: Decoded,
    em: EntityManager | undefined,
    facts: EventContext['delivery'],
    effects: HandlerEffects,
  ): Promise<void> {
    const ctx = new EventContext([decoded.envelope, em, facts, effects]);
    const result: unknown = await decoded.handler(decoded.payload, ctx);
    // Handlers return a promise (already awaited) or nothing; only an observable needs Nest's adapter.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  private async deadLetter(
    consumer: string,
    m: JsMsg,
    reason: DeadLetterReason,
    error: string,
    messageId?: string,
  ): Promise<void> {
    const carrier: Record<string, string> = {};
    m.headers?.keys().forEach((k: string) => (carrier[k] = m.headers!.get(k)));
    const logical = this.nats.naming.logical(m.subject);
    await this.dataSource.transaction(async (em: EntityManager) => {
      if (messageId) {
        const claimed: unknown[] = await em.query(
          `INSERT INTO inbox (consumer, message_id, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
          [consumer, messageId, logical],
        );
        if (claimed.length === 0) return; // applied or dead-lettered before: nothing to record
      }
      await em.query(
        `INSERT INTO dead_letter (id, consumer, message_id, subject, stream_seq, deliveries, reason, error, payload, headers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          uuidv7(),
          consumer,
          messageId ?? `seq:${m.seq}`,
          logical,
          m.seq,
          m.info.deliveryCount,
          reason,
          error.slice(0, 4000),
          m.string(),
          carrier,
        ],
      );
    });
    this.metrics?.deadLetters.inc({ consumer, reason });
    this.log.warn(`dead-lettered ${logical} (${reason}): ${error}`);
  }

  /**
   * Runs a dead-lettered message through its handler again (admin replay). The message is not
   * published again: other consumers of the stream applied it already.
   */
  async replay(letter: { consumer: string; subject: string; payload: string }): Promise<void> {
    const handler = this.messageHandlers.get(letter.subject);
    if (!handler?.isEventHandler) throw new Error(`no handler for ${letter.subject} in this service`);
    let decoded: Decoded;
    try {
      decoded = this.decode(letter.payload, letter.subject, handler);
    } catch (e) {
      throw new Error(`still invalid: ${(e as Error).message}`);
    }
    const afterCommit: (() => void)[] = [];
    await this.apply(
      letter.consumer,
      decoded,
      undefined,
      { deliveryCount: 0, consumer: letter.consumer, replay: true },
      afterCommit,
    );
    this.runAfterCommit(afterCommit);
  }

  private serveRequests(pattern: string, handler: MessageHandler): void {
    const sub = this.nats.nc.subscribe(this.nats.naming.subject(pattern), {
      queue: this.service,
      callback: (err, msg) => {
        if (err) return this.log.error(`request subscription ${pattern}: ${err.message}`);
        void this.answer(pattern, handler, msg);
      },
    });
    this.subscriptions.push(sub);
  }

  private async answer(pattern: string, handler: MessageHandler, msg: Msg): Promise<void> {
    const carrier: Record<string, string> = {};
    msg.headers?.keys().forEach((k: string) => (carrier[k] = msg.headers!.get(k)));
    const parent = propagation.extract(ROOT_CONTEXT, carrier);
    const reply = (body: unknown) => {
      if (!msg.reply) return;
      const h = natsHeaders();
      const out: Record<string, string> = {};
      propagation.inject(context.active(), out);
      for (const [k, v] of Object.entries(out)) h.set(k, v);
      msg.respond(JSON.stringify(body), { headers: h });
    };
    await context.with(parent, async () => {
      let data: unknown;
      try {
        data = msg.json<unknown>();
      } catch {
        return reply({ ok: false, error: { code: 'INVALID_REQUEST', message: 'body is not JSON' } });
      }
      const valid = this.registry.validatePayload(pattern, data);
      if (!valid.ok)
        return reply({
          ok: false,
          error: { code: 'INVALID_REQUEST', message: fieldList(valid.errors), errors: valid.errors },
        });
      try {
        const result: unknown = await lastValueFrom(
          this.transformToObservable(await handler(valid.value, new RequestContext([pattern, carrier]))),
          {
            defaultValue: undefined,
          },
        );
        reply({ ok: true, data: result });
      } catch (e) {
        const err = e as { code?: unknown; message?: string; status?: number };
        const code = typeof err.code === 'string' ? err.code : 'INTERNAL';
        if (code === 'INTERNAL')
          this.log.error(`request ${pattern} failed: ${err.message}`, (e as Error).stack);
        reply({
          ok: false,
          error: { code, message: code === 'INTERNAL' ? 'internal error' : err.message, status: err.status },
        });
      }
    });
  }
}
