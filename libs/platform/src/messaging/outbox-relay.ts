import { headers as natsHeaders } from '@nats-io/nats-core';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { OUTBOX_WRITTEN } from './event-publisher';
import { JetStreamPublisher } from './jetstream-publisher';
import { MessagingMetrics } from './messaging.metrics';
import { NatsClient } from './nats.connection';

export interface RelayOptions {
  /** Connection string for the relay's own session (the leader lock). */
  databaseUrl: string;
  /** Rows claimed per round trip. */
  batchSize?: number;
  /**
   * Polling for rows nobody told the relay about (written before a restart, or while its session was
   * down). Commits in this process wake it at once; commits on other replicas by NOTIFY.
   */
  pollIntervalMs?: number;
  /**
   * A batch published in full is marked with the next claim when a commit wakes the relay within this
   * long, else on its own (see relayBatch): how late `published_at` may be set after the PubAck.
   */
  markDelayMs?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retentionMs?: number;
  /** Wait for a PubAck this long before counting the publish as failed. */
  publishTimeoutMs?: number;
  /** Advisory lock key: one active relay per service database. */
  lockKey?: number;
}

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  aggregate_id: string;
  payload: string;
  headers: Record<string, string>;
  attempts: number;
}

/**
 * Publishes committed outbox rows to JetStream with Nats-Msg-Id = event id, then marks them sent.
 * Exactly one replica relays at a time (a session advisory lock on the relay's own connection);
 * the others stand by and take over when that session ends. Rows are claimed with
 * FOR UPDATE SKIP LOCKED in sequence order, so per-aggregate order is kept while nothing fails.
 * A crash between PubAck and marking publishes a row again: the stream's dedup window and the
 * consumers' inbox absorb it.
 *
 * Waking up: a commit that wrote outbox rows wakes the relay of its own process at once (a TypeORM
 * commit hook), as soon as the committing caller's own continuation has run (setImmediate, ADR 56). A
 * replica that is not the leader sends `NOTIFY outbox_wake` after such a commit, on its relay session
 * and outside the producer's transaction (so producers' commits never queue on the notification lock),
 * at most one at a time; the leader LISTENs on its session. Polling backs both up.
 */
export class OutboxRelay {
  private readonly log = new Logger('OutboxRelay');
  private running = false;
  private loop?: Promise<void>;
  private session?: Client;
  private wake?: () => void;
  private leader = false;
  private nudged = false;
  private lastHousekeeping = 0;
  /**
   * The end of the last batch's transaction (its marks and COMMIT) when not sent yet: it goes with the
   * next claim, in the same round trip (see relayBatch).
   */
  private unsent?: string;
  /** A NOTIFY for the leader is being sent / another is wanted after it. */
  private notifying = false;
  private notifyAgain = false;
  private readonly opts: Required<RelayOptions>;
  private readonly publisher = new JetStreamPublisher();

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsClient,
    options: RelayOptions,
    private readonly metrics?: MessagingMetrics,
  ) {
    this.opts = {
      batchSize: 500,
      pollIntervalMs: 250,
      markDelayMs: 50,
      retentionMs: 24 * 3600_000,
      publishTimeoutMs: 5_000,
      lockKey: 0x0cb0,
      ...options,
    };
    if (!Number.isInteger(this.opts.batchSize) || this.opts.batchSize < 1)
      throw new Error(`OutboxRelay: batchSize must be a positive integer, got ${this.opts.batchSize}`);
  }

  get isLeader(): boolean {
    return this.leader;
  }

  private readonly commitHook: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent): void => {
      if (event.queryRunner.data?.[OUTBOX_WRITTEN]) {
        event.queryRunner.data = { ...event.queryRunner.data, [OUTBOX_WRITTEN]: false };
        // Once the committing caller has gone on: its continuation (a request's answer, written to its
        // socket) runs in the microtasks after this hook, and the relay's claim would otherwise be
        // written to Postgres first, waking a backend that takes the core from the answer (ADR 56).
        setImmediate(this.afterCommit);
      }
    },
  };

  private readonly afterCommit = (): void => {
    if (!this.running) return;
    if (this.leader) this.nudge();
    else this.notifyLeader();
  };

  /** Wakes the relay now: rows were committed. A wake during a batch makes it look again right after. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Tells the leader on another replica that rows were committed (coalesced: one NOTIFY at a time). */
  private notifyLeader(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    // Through the pool, in a transaction of its own: never inside the producer's, whose commit would
    // then queue on the cluster-wide notification lock (ADR 2).
    void this.dataSource
      .query(`NOTIFY ${WAKE_CHANNEL}`)
      .catch((e: Error) => this.log.warn(`could not wake the leading relay (${e.message}); it polls`))
      .finally(() => {
        this.notifying = false;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.notifyLeader();
        }
      });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // A commit in this process that wrote outbox rows wakes the relay (no NOTIFY: it serialises commits).
    this.dataSource.subscribers.push(this.commitHook);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    const i = this.dataSource.subscribers.indexOf(this.commitHook);
    if (i >= 0) this.dataSource.subscribers.splice(i, 1);
    this.wake?.();
    await this.loop;
    await this.closeSession();
  }

  /** Publishes everything pending now; returns how many rows were published. For tests and tooling. */
  async drain(): Promise<number> {
    await this.ensureLeadership(); // its session; claiming is safe beside a leader (SKIP LOCKED)
    let total = 0;
    for (;;) {
      const { published, claimed } = await this.relayBatch();
      total += published;
      if (claimed < this.opts.batchSize) {
        await this.sendUnsent();
        return total;
      }
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!(await this.ensureLeadership())) {
          await this.idle(this.opts.pollIntervalMs);
          continue;
        }
        this.nudged = false;
        const { claimed, failed } = await this.relayBatch();
        await this.housekeeping();
        failures = failed > 0 ? failures + 1 : 0;
        if (failed > 0) await this.idle(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)));
        else if (claimed < this.opts.batchSize && !this.nudged) await this.idleMarked();
      } catch (e) {
        failures++;
        this.log.warn(`relay round failed (${failures}): ${(e as Error).message}`);
        if (this.session && !this.isSessionAlive()) await this.closeSession();
        // A batch published before the failure (housekeeping's) is marked now, not after the backoff.
        await this.sendUnsent().catch(() => undefined);
        await this.idle(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)));
      }
    }
    await this.sendUnsent().catch((e: Error) =>
      this.log.warn(`could not mark the last batch published (${e.message}); it is published again`),
    );
  }

  /** Waits for a wake or the poll; marks held back go alone if no commit comes within markDelayMs. */
  private async idleMarked(): Promise<void> {
    if (this.unsent && this.opts.markDelayMs < this.opts.pollIntervalMs) {
      await this.idle(this.opts.markDelayMs);
      if (this.nudged || !this.running) return;
      await this.sendUnsent();
      // Other replicas' NOTIFYs are delivered when the session's transaction ends: maybe just now.
      if (this.nudged || !this.running) return;
      await this.idle(this.opts.pollIntervalMs - this.opts.markDelayMs);
    } else await this.idle(this.opts.pollIntervalMs);
  }

  private isSessionAlive(): boolean {
    return !!this.session && (this.session as unknown as { _ending?: boolean })._ending !== true;
  }

  /** Takes the leader lock on a dedicated session. */
  private async ensureLeadership(): Promise<boolean> {
    if (this.leader && this.session) return true;
    if (!this.session) {
      const session = new Client({
        connectionString: this.opts.databaseUrl,
        application_name: 'outbox-relay',
      });
      session.on('error', (e) => {
        this.log.warn(`relay session lost: ${e.message}`);
        void this.closeSession();
      });
      // Other replicas' commits; a standby ignores them (it tries for the lock on its own schedule).
      session.on('notification', () => {
        if (this.leader) this.nudge();
      });
      await session.connect();
      // The claim must use an ordered index scan, never a bitmap scan: the pending index keeps an entry
      // for every row published since the last VACUUM; an index scan marks those entries dead once, so
      // later claims skip them, while a bitmap scan visits their heap pages again on every claim, each
      // claim costing more with every event published (bench/event-pipeline.bench.ts measures it).
      // And no wait for the WAL flush at the relay's commits: what they write is the "published" mark
      // alone, and a mark lost to a database crash is the crash between PubAck and marking the relay
      // already survives (republished, dropped by the stream's dedup window or the consumers' inbox).
      // Both for this session only: it runs nothing but the relay's statements.
      await session.query(
        `SET enable_bitmapscan = off; SET synchronous_commit = off; LISTEN ${WAKE_CHANNEL}`,
      );
      this.session = session;
    }
    const res = await this.session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      this.opts.lockKey,
    ]);
    if (res.rows[0].ok) {
      this.leader = true;
      this.log.log('relay is active on this replica');
    }
    return this.leader;
  }

  private async closeSession(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    this.leader = false;
    this.unsent = undefined; // its transaction ends with the session: those rows are published again
    if (s) await s.end().catch(() => undefined);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  /**
   * Claims one batch, publishes it, marks the outcome, all inside one short transaction on the relay's
   * own session. The marks and COMMIT of a batch published in full are not sent at once: they go ahead
   * of the next batch's BEGIN and claim, in one round trip, when a commit wakes the relay within
   * markDelayMs, else on their own then (so under steady load one round trip per batch instead of two,
   * and nothing of the relay's between a request's commit and the next request). Until then the batch's
   * rows stay claimed (locked) and unmarked: a crash meanwhile publishes them again, as a crash between
   * PubAck and marking always did (the stream's dedup window and the consumers' inbox absorb it).
   * Failures are marked at once.
   */
  private async relayBatch(): Promise<{ claimed: number; published: number; failed: number }> {
    const session = this.session;
    if (!session) throw new Error('relay session is not connected');
    const unsent = this.unsent;
    this.unsent = undefined;
    try {
      const answers = (await session.query(
        `${unsent ? `${unsent}; ` : ''}BEGIN; SELECT seq, id, subject, aggregate_id, payload, headers, attempts FROM outbox
          WHERE published_at IS NULL AND next_attempt_at <= now()
          ORDER BY seq LIMIT ${this.opts.batchSize} FOR UPDATE SKIP LOCKED`,
      )) as unknown as { rows: OutboxRow[] }[];
      const rows = answers[answers.length - 1].rows;
      if (rows.length === 0) {
        await session.query('COMMIT');
        return { claimed: 0, published: 0, failed: 0 };
      }
      // Publishes are pipelined on one connection, so the stream stores them in this order.
      const errors = await this.publisher.publishAll(
        this.nats.nc,
        rows.map((row) => {
          const h = natsHeaders();
          for (const k in row.headers) h.set(k, row.headers[k]);
          h.set('Cx-Aggregate-Id', row.aggregate_id); // consumers keep one aggregate's events in one lane
          return {
            subject: this.nats.naming.subject(row.subject),
            payload: row.payload,
            msgId: row.id,
            headers: h,
          };
        }),
        this.opts.publishTimeoutMs,
      );
      const ok: string[] = [];
      const failed: string[] = [];
      let firstError = '';
      errors.forEach((error, i) => {
        if (error === null) ok.push(rows[i].seq);
        else {
          failed.push(rows[i].seq);
          firstError ||= error;
        }
      });
      // One simple-protocol round trip: values are inlined, sequence numbers checked to be digits and
      // the error text escaped by the driver.
      const marks: string[] = [];
      if (ok.length)
        marks.push(
          `UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY(${seqArray(ok)})`,
        );
      if (failed.length)
        marks.push(
          `UPDATE outbox SET attempts = attempts + 1, last_error = ${session.escapeLiteral(firstError.slice(0, 1000))},
             next_attempt_at = now() + least(interval '30 seconds', interval '250 milliseconds' * power(2, least(attempts, 7)))
           WHERE seq = ANY(${seqArray(failed)})`,
        );
      if (failed.length === 0) this.unsent = `${marks.join('; ')}; COMMIT`;
      else await session.query(`${marks.join('; ')}; COMMIT`);
      this.metrics?.published.inc(ok.length);
      if (failed.length) {
        this.metrics?.publishFailures.inc(failed.length);
        this.log.warn(`${failed.length} of ${rows.length} events not published yet: ${firstError}`);
      }
      return { claimed: rows.length, published: ok.length, failed: failed.length };
    } catch (e) {
      await session.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** Ends the last batch's transaction with its marks, if they are still to be sent. */
  private async sendUnsent(): Promise<void> {
    const unsent = this.unsent;
    this.unsent = undefined;
    if (unsent && this.session) await this.session.query(unsent);
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    if (now - this.lastHousekeeping < 60_000) return;
    this.lastHousekeeping = now;
    await this.dataSource.query(
      `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE published_at < now() - $1 * interval '1 millisecond' LIMIT 10000)`,
      [this.opts.retentionMs],
    );
    // Redeliveries and duplicate publishes arrive within minutes; two weeks of inbox keys is ample.
    await this.dataSource.query(
      `DELETE FROM inbox WHERE ctid IN (SELECT ctid FROM inbox WHERE received_at < now() - interval '14 days' LIMIT 10000)`,
    );
  }
}

/** Where replicas that are not the leader tell the leader that rows were committed. */
const WAKE_CHANNEL = 'outbox_wake';

/** `'{1,2,3}'::bigint[]` from outbox sequence numbers (digits only, checked). */
function seqArray(seqs: string[]): string {
  for (const s of seqs) if (!/^\d+$/.test(s)) throw new Error(`unexpected outbox seq ${JSON.stringify(s)}`);
  return `'{${seqs.join(',')}}'::bigint[]`;
}
