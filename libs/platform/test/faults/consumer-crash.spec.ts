// Fault tests 3 and 4: a consumer process dies while it holds messages.
import { ChildFixture } from './support/children';
import {
  commitAll,
  counterValue,
  expectExactlyOnce,
  FAST_ACK,
  FaultPipeline,
  plan,
  privateServers,
  query,
  report,
  tally,
} from './support/harness';

// Both kinds of handler: through ctx.em in the transaction the transport opens, and write-only (a batch in
// one round trip, ADR 0010).
describe.each(['em', 'writeOnly'] as const)(
  'faults: consumer killed (private nats-server and Postgres), %s handler',
  (handler) => {
    const servers = privateServers();
    let p: FaultPipeline;

    beforeEach(async () => {
      p = await FaultPipeline.create({ natsUrl: servers.nats.url, producerServer: servers.pg.url, handler });
    });

    afterEach(async () => {
      await p?.cleanup();
    });

    it('3. consumer killed mid-batch: its unacked messages come back after the ack wait, applied exactly once', async () => {
      const producer = await p.producer();
      // Same ack wait as the replacement below: the server redelivers the dead client's messages after it.
      const child = await ChildFixture.start(
        'consumer.ts',
        p.childEnv('consumer', { DELAY_MS: 15, ACK_WAIT_MS: FAST_ACK.ackWaitMs! }),
      );
      const events = plan(30, 10);
      await commitAll(producer, events, 30);

      const appliedAtKill = await p.waitApplied(80);
      const exit = await child.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      const [{ n }] = await query<{ n: string }>(p.consumerUrl, `SELECT count(*) AS n FROM applied`);
      const info = await p.consumerInfo();
      expect(Number(n)).toBeLessThan(events.length); // the kill really came mid-batch

      const { metrics } = await p.consumerWithMetrics(FAST_ACK);
      await p.waitSettled(events.length);
      await p.waitQuiet();

      const t = await tally(p);
      report('3 consumer killed mid-batch', {
        ...t,
        appliedAtKill: Number(n),
        unackedAtKill: info.num_ack_pending,
        redeliveriesSeen: await counterValue(metrics.redeliveries),
        inboxDuplicatesSkipped: await counterValue(metrics.consumed, { outcome: 'duplicate' }),
      });
      expect(appliedAtKill).toBeGreaterThan(0);
      expect(t.committed).toBe(events.length);
      expect(t.published).toBe(t.committed);
      expect(t.applied).toBe(t.committed);
      expect(t.redelivered).toBeGreaterThan(0); // the dead client's messages were applied on a later delivery
      expectExactlyOnce(t);
    });

    it('4. consumer dies after commit and before ack: the redelivered message is found in the inbox and not applied again', async () => {
      const producer = await p.producer();
      const killAfter = 25;
      // One lane, one message per transaction: the 25th commit is the 25th message.
      const child = await ChildFixture.start(
        'consumer.ts',
        p.childEnv('consumer', {
          KILL_AFTER_APPLIED: killAfter,
          CONCURRENCY: 1,
          BATCH_SIZE: 1,
          ACK_WAIT_MS: FAST_ACK.ackWaitMs!,
        }),
      );
      const events = plan(5, 20);
      await commitAll(producer, events, 20);

      await child.waitForLine(/^KILLING after message/, 20_000);
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGKILL');
      const appliedBefore = await query<{ message_id: string; order_id: string }>(
        p.consumerUrl,
        `SELECT message_id, order_id FROM applied ORDER BY n`,
      );
      expect(appliedBefore).toHaveLength(killAfter);
      const victim = appliedBefore[killAfter - 1]; // committed, never acked

      const { metrics } = await p.consumerWithMetrics(FAST_ACK);
      await p.waitSettled(events.length);
      await p.waitQuiet();

      const t = await tally(p);
      const duplicatesSkipped = await counterValue(metrics.consumed, { outcome: 'duplicate' });
      report('4 consumer died after commit, before ack', {
        ...t,
        appliedAtKill: appliedBefore.length,
        redeliveriesSeen: await counterValue(metrics.redeliveries),
        inboxDuplicatesSkipped: duplicatesSkipped,
      });
      // The victim came back and the inbox turned it away: one inbox row, one application.
      expect(duplicatesSkipped).toBeGreaterThanOrEqual(1);
      const inbox = await query(p.consumerUrl, `SELECT 1 FROM inbox WHERE message_id = $1`, [
        victim.message_id,
      ]);
      const applied = await query<{ delivery: number }>(
        p.consumerUrl,
        `SELECT delivery FROM applied WHERE message_id = $1`,
        [victim.message_id],
      );
      expect(inbox).toHaveLength(1);
      expect(applied).toEqual([{ delivery: 1 }]);
      expect(t.committed).toBe(events.length);
      expect(t.published).toBe(t.committed);
      expect(t.applied).toBe(t.committed);
      expectExactlyOnce(t);
    });

    it('4b. consumer dies after committing a whole batch and before acking it: every message of the batch is turned away by the inbox', async () => {
      const producer = await p.producer();
      const events = plan(5, 40);
      await commitAll(producer, events, 200); // already waiting when the consumer starts
      const child = await ChildFixture.start(
        'consumer.ts',
        p.childEnv('consumer', {
          KILL_AFTER_APPLIED: 2,
          CONCURRENCY: 1,
          BATCH_SIZE: 32,
          ACK_WAIT_MS: FAST_ACK.ackWaitMs!,
        }),
      );
      await child.waitForLine(/^KILLING after message/, 20_000);
      expect((await child.exited).signal).toBe('SIGKILL');
      const appliedBefore = await query<{ message_id: string }>(
        p.consumerUrl,
        `SELECT message_id FROM applied`,
      );
      expect(appliedBefore.length).toBeGreaterThan(2); // the second commit applied a batch (what queued behind the first message)

      const { metrics } = await p.consumerWithMetrics(FAST_ACK);
      await p.waitSettled(events.length);
      await p.waitQuiet();
      const t = await tally(p);
      const duplicatesSkipped = await counterValue(metrics.consumed, { outcome: 'duplicate' });
      report('4b consumer died after a batch commit, before acks', {
        ...t,
        appliedAtKill: appliedBefore.length,
        inboxDuplicatesSkipped: duplicatesSkipped,
      });
      // The first message was committed and acked on its own; the whole second batch was never acked.
      expect(duplicatesSkipped).toBeGreaterThanOrEqual(appliedBefore.length - 1);
      expect(t.applied).toBe(t.committed);
      expectExactlyOnce(t);
    });
  },
);
