import { headers as natsHeaders } from '@nats-io/nats-core';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { OUTBOX_WRITTEN } from './event-publisher';
import { MessagingMetrics } from './messaging.metrics';
import { NatsClient } from './nats.connection';

export interface RelayOptions {
  /** Connection string for the relay's own session (the leader lock). */
  databaseUrl: string;
  /** Rows claimed per round trip. */
  batchSize?: number;
  /**
   * Polling for rows this process was not told about (written by other replicas, or before a restart).
   * Commits in this process wake the relay at once.
   */
  pollIntervalMs?: number;
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
  private readonly opts: Required<RelayOptions>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsClient,
    options: RelayOptions,
    private readonly metrics?: MessagingMetrics,
  ) {
    this.opts = {
      batchSize: 500,
      pollIntervalMs: 250,
      retentionMs: 24 * 3600_000,
      publishTimeoutMs: 5_000,
      lockKey: 0x0cb0,
      ...options,
    };
  }

  get isLeader(): boolean {
    return this.leader;
  }

  private readonly commitHook: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent): void => {
      if (event.queryRunner.data?.[OUTBOX_WRITTEN]) {
        event.queryRunner.data = { ...event.queryRunner.data, [OUTBOX_WRITTEN]: false };
        this.nudge();
      }
    },
  };

  /** Wakes the relay now: rows were committed. A wake during a batch makes it look again right after. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
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
    let total = 0;
    for (;;) {
      const { published, claimed } = await this.relayBatch();
      total += published;
      if (claimed < this.opts.batchSize) return total;
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
        else if (claimed < this.opts.batchSize && !this.nudged) await this.idle(this.opts.pollIntervalMs);
      } catch (e) {
        failures++;
        this.log.warn(`relay round failed (${failures}): ${(e as Error).message}`);
        if (this.session && !this.isSessionAlive()) await this.closeSession();
        await this.idle(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)));
      }
    }
  }

  private isSessionAlive(): boolean {
    return !!this.session && (this.session as unknown as { _ending?: boolean })._ending !== true;
  }

  /** Takes the leader lock on a dedicated session. */
  private async ensureLeadership(): Promise<boolean> {
    if (this.leader && this.session) return true;
    if (!this.session) {
      const session = new Client({ connectionString: this.opts.databaseUrl, application_name: 'outbox-relay' });
      session.on('error', (e) => {
        this.log.warn(`relay session lost: ${e.message}`);
        void this.closeSession();
      });
      await session.connect();
      this.session = session;
    }
    const res = await this.session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [this.opts.lockKey]);
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

  /** Claims one batch, publishes it, marks the outcome, all inside one short transaction. */
  private async relayBatch(): Promise<{ claimed: number; published: number; failed: number }> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      // Claim through an ordered index scan, never a bitmap scan. The pending index keeps an entry for
      // every row published since the last VACUUM; an index scan marks those entries dead once, so later
      // claims skip them, while a bitmap scan visits their heap pages again on every claim: each claim
      // then costs more with every event published (bench/event-pipeline.bench.ts measures it).
      await qr.query('SET LOCAL enable_bitmapscan = off');
      const rows: OutboxRow[] = (await qr.query(
        `SELECT seq, id, subject, aggregate_id, payload, headers, attempts FROM outbox
          WHERE published_at IS NULL AND next_attempt_at <= now()
          ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.opts.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await qr.commitTransaction();
        return { claimed: 0, published: 0, failed: 0 };
      }
      const js = this.nats.js;
      // Publishes are pipelined on one connection, so the stream stores them in this order.
      const results = await Promise.allSettled(
        rows.map((row) => {
          const h = natsHeaders();
          for (const [k, v] of Object.entries(row.headers ?? {})) h.set(k, v);
          h.set('Cx-Aggregate-Id', row.aggregate_id); // consumers keep one aggregate's events in one lane
          return js.publish(this.nats.naming.subject(row.subject), row.payload, {
            msgID: row.id,
            headers: h,
            timeout: this.opts.publishTimeoutMs,
          });
        }),
      );
      const ok: string[] = [];
      const failed: string[] = [];
      let firstError = '';
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') ok.push(rows[i].seq);
        else {
          failed.push(rows[i].seq);
          firstError ||= String((r.reason as Error)?.message ?? r.reason);
        }
      });
      if (ok.length) await qr.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`, [ok]);
      if (failed.length)
        await qr.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + least(interval '30 seconds', interval '250 milliseconds' * power(2, least(attempts, 7)))
           WHERE seq = ANY($1::bigint[])`,
          [failed, firstError.slice(0, 1000)],
        );
      await qr.commitTransaction();
      this.metrics?.published.inc(ok.length);
      if (failed.length) {
        this.metrics?.publishFailures.inc(failed.length);
        this.log.warn(`${failed.length} of ${rows.length} events not published yet: ${firstError}`);
      }
      return { claimed: rows.length, published: ok.length, failed: failed.length };
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
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
