import { SHARED_NATS_URL, uniqueNamespace, waitFor } from '@cx/testing';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import {
  behaviour,
  Consumer,
  countsIn,
  deleteNamespaceStreams,
  HandlerStyle,
  outboxPending,
  preparePipelineDatabases,
  PipelineDatabases,
  Producer,
  purchase,
  TEST_EVENT,
} from './support/pipeline';
import { headers } from '@nats-io/nats-core';
import { Subjects, uuidv7 } from '@cx/contracts';
import { JetStreamServer } from '../src/messaging';

// Every behaviour holds for both kinds of handler: one that writes through ctx.em in the transaction the
// transport opens, and a projection declared writeOnly whose batches go in one round trip (ADR 0010).
describe.each<HandlerStyle>(['em', 'writeOnly'])(
  'outbox -> relay -> JetStream -> inbox (real Postgres and NATS), %s handler',
  (style) => {
    let dbs: PipelineDatabases;
    let producer: Producer;
    let consumer: Consumer;
    let ns: string;

    beforeEach(async () => {
      ns = uniqueNamespace();
      dbs = await preparePipelineDatabases();
      producer = await Producer.start({ dbUrl: dbs.producerUrl, natsUrl: SHARED_NATS_URL, namespace: ns });
      consumer = await Consumer.start({
        dbUrl: dbs.consumerUrl,
        natsUrl: SHARED_NATS_URL,
        namespace: ns,
        handler: style,
      });
      behaviour.failTimes.clear();
      behaviour.alwaysFail.clear();
      behaviour.attempts.clear();
      behaviour.badWrite.clear();
      behaviour.useEm.clear();
      behaviour.delayMs = 0;
      behaviour.joinRows = false;
    });

    afterEach(async () => {
      await consumer?.close();
      await producer?.close();
      await deleteNamespaceStreams(SHARED_NATS_URL, ns);
      await dbs?.drop();
    });

    it('publishes nothing for a rolled-back transaction, and each committed event exactly once, in order per aggregate', async () => {
      const rolledBack = randomUUID();
      await expect(
        producer.ds.transaction(async (em) => {
          await producer.publisher.publish(em, {
            type: TEST_EVENT,
            aggregateId: rolledBack,
            data: purchase(rolledBack, 'never'),
          });
          throw new Error('business rule failed after the event was written');
        }),
      ).rejects.toThrow('business rule failed');

      const aggregates = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const perAggregate = 30;
      for (let i = 0; i < perAggregate; i++) {
        // Interleave aggregates and mix single-event and multi-event transactions.
        if (i % 2 === 0) await producer.commit(aggregates.map((a) => [a, `${a}-${i}`]));
        else for (const a of aggregates) await producer.commit([[a, `${a}-${i}`]]);
      }
      const total = aggregates.length * perAggregate;
      const counts = await waitFor(
        async () => {
          const c = await countsIn(dbs.consumerUrl);
          return c.applied >= total ? c : undefined;
        },
        20_000,
        'all events applied',
      );

      expect(counts.applied).toBe(total);
      expect(counts.duplicates).toBe(0);
      expect(counts.orders.has(rolledBack)).toBe(false);
      for (const a of aggregates)
        expect(counts.orders.get(a)).toEqual(Array.from({ length: perAggregate }, (_, i) => `${a}-${i}`));
      // The last batch is marked published up to the relay's markDelayMs after its PubAck (ADR 44).
      await waitFor(
        async () => (await outboxPending(dbs.producerUrl)) === 0,
        2_000,
        'every event marked published',
      );
      const info = await producer.nats.jsm.streams.info(producer.nats.naming.stream('crm'));
      expect(info.state.messages).toBe(total);
    });

    const c_dup = randomUUID();
    const c_a = randomUUID();
    const c_b = randomUUID();
    const c_c = randomUUID();
    const c_ok = randomUUID();
    const c_batch = randomUUID();

    it('wakes the leading relay by NOTIFY when another replica commits (no waiting for the poll)', async () => {
      // Two replicas of the producing service, polling once a minute: only the wake-up can be quick.
      await producer.close();
      producer = await Producer.start({
        dbUrl: dbs.producerUrl,
        natsUrl: SHARED_NATS_URL,
        namespace: ns,
        relay: { pollIntervalMs: 60_000 },
      });
      const other = await Producer.start({
        dbUrl: dbs.producerUrl,
        natsUrl: SHARED_NATS_URL,
        namespace: ns,
        relay: { pollIntervalMs: 60_000 },
      });
      try {
        await waitFor(() => producer.relay.isLeader || other.relay.isLeader, 5_000, 'a leader');
        const [leader, standby] = producer.relay.isLeader ? [producer, other] : [other, producer];
        await new Promise((r) => setTimeout(r, 200)); // both relays idle in their minute-long poll
        const c = randomUUID();
        await standby.commit([[c, 'o-woken-1']]);
        await standby.commit([[c, 'o-woken-2']]);
        await waitFor(
          async () => (await outboxPending(dbs.producerUrl)) === 0,
          3_000,
          'the leader to publish the standby commits',
        );
        await waitFor(
          async () => (await countsIn(dbs.consumerUrl)).orders.get(c)?.length === 2,
          10_000,
          'both applied',
        );
        expect((await countsIn(dbs.consumerUrl)).orders.get(c)).toEqual(['o-woken-1', 'o-woken-2']);
        expect(leader.relay.isLeader).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('applies a message once when it is published again under a new NATS message id', async () => {
      await producer.commit([[c_dup, 'o-1']]);
      await waitFor(async () => (await countsIn(dbs.consumerUrl)).applied === 1, 10_000, 'first delivery');
      const c = new Client({ connectionString: dbs.producerUrl });
      await c.connect();
      const { rows } = await c.query<{ payload: string; id: string }>(`SELECT id, payload FROM outbox`);
      await c.end();
      // Same envelope, new Nats-Msg-Id: the stream stores it again; only the inbox can catch it.
      for (let i = 0; i < 3; i++) {
        const h = headers();
        h.set('Cx-Aggregate-Id', c_dup);
        await producer.nats.js.publish(producer.nats.naming.subject(TEST_EVENT), rows[0].payload, {
          msgID: `${rows[0].id}-again-${i}`,
          headers: h,
        });
      }
      await producer.commit([[c_dup, 'o-2']]);
      const counts = await waitFor(
        async () => {
          const x = await countsIn(dbs.consumerUrl);
          return x.orders.get(c_dup)?.includes('o-2') ? x : undefined;
        },
        10_000,
        'the message after the duplicates',
      );
      expect([...counts.orders.entries()]).toEqual([[c_dup, ['o-1', 'o-2']]]);
      expect(counts.applied).toBe(2);
      expect(counts.duplicates).toBe(0);
      const info = await producer.nats.jsm.streams.info(producer.nats.naming.stream('crm'));
      expect(info.state.messages).toBe(5);
    });

    it('retries a failing handler with backoff, dead-letters it after max deliveries, and keeps going', async () => {
      behaviour.failTimes.set('o-flaky', 2);
      behaviour.alwaysFail.add('o-poison');
      await producer.commit([[c_a, 'o-flaky']]);
      await producer.commit([[c_b, 'o-poison']]);
      await producer.commit([[c_c, 'o-next']]);

      const counts = await waitFor(
        async () => {
          const x = await countsIn(dbs.consumerUrl);
          return x.deadLetters === 1 && x.applied === 2 ? x : undefined;
        },
        20_000,
        'flaky applied, poison dead-lettered',
      );
      expect(behaviour.attempts.get('o-flaky')).toBe(3);
      expect(behaviour.attempts.get('o-poison')).toBe(5);
      expect(counts.orders.get(c_c)).toEqual(['o-next']);

      const c = new Client({ connectionString: dbs.consumerUrl });
      await c.connect();
      const dl = await c.query(`SELECT consumer, reason, deliveries, error, subject FROM dead_letter`);
      const delivered = await c.query(`SELECT delivery FROM applied WHERE order_id = 'o-flaky'`);
      await c.end();
      expect(dl.rows[0]).toMatchObject({
        consumer: 'complaints__crm',
        reason: 'max-deliveries',
        deliveries: 5,
        subject: TEST_EVENT,
      });
      expect(dl.rows[0].error).toContain('handler refuses o-poison');
      expect(delivered.rows[0].delivery).toBe(3);
    });

    it('dead-letters a malformed message at once and processes the next one', async () => {
      const subject = producer.nats.naming.subject(TEST_EVENT);
      await producer.nats.js.publish(subject, 'not json at all', { msgID: 'bad-1' });
      const envelope = {
        id: '0192f0a4-5b6c-7d8e-9f01-000000000001',
        type: TEST_EVENT,
        occurredAt: new Date().toISOString(),
        source: 'crm',
        aggregateId: 'x',
        data: { customerId: 42 },
      };
      await producer.nats.js.publish(subject, JSON.stringify(envelope), { msgID: 'bad-2' });
      await producer.commit([[c_ok, 'o-after-poison']]);

      const counts = await waitFor(
        async () => {
          const x = await countsIn(dbs.consumerUrl);
          return x.deadLetters === 2 && x.applied === 1 ? x : undefined;
        },
        10_000,
        'two dead letters and the good message',
      );
      expect(counts.orders.get(c_ok)).toEqual(['o-after-poison']);
      const c = new Client({ connectionString: dbs.consumerUrl });
      await c.connect();
      const dl = await c.query<{ reason: string; deliveries: number; error: string; message_id: string }>(
        `SELECT reason, deliveries, error, message_id FROM dead_letter ORDER BY stream_seq`,
      );
      await c.end();
      expect(dl.rows.map((r) => [r.reason, r.deliveries])).toEqual([
        ['contract', 1],
        ['contract', 1],
      ]);
      expect(dl.rows[0].error).toBe('body is not JSON');
      expect(dl.rows[1].error).toMatch(/customerId/);
      expect(dl.rows[1].message_id).toBe(envelope.id);
    });

    it('claims a batch in one statement: duplicates acked without their handler, a malformed message dead-lettered, the rest applied in order', async () => {
      await producer.commit([[c_batch, 'o-before']]);
      await waitFor(async () => (await countsIn(dbs.consumerUrl)).applied === 1, 10_000, 'first event');
      await consumer.close();
      const c = new Client({ connectionString: dbs.producerUrl });
      await c.connect();
      const { rows } = await c.query<{ payload: string }>(`SELECT payload FROM outbox`);
      await c.end();

      // While the consumer is away, one aggregate's lane fills up: the first message is taken alone, the
      // rest arrive while it is applied and go together in one batch.
      const subject = producer.nats.naming.subject(TEST_EVENT);
      const publish = async (body: string) => {
        const h = headers();
        h.set('Cx-Aggregate-Id', c_batch);
        await producer.nats.js.publish(subject, body, { msgID: randomUUID(), headers: h });
      };
      const envelope = (orderId: string, data: unknown = purchase(c_batch, orderId)) =>
        JSON.stringify({
          id: uuidv7(),
          type: TEST_EVENT,
          occurredAt: new Date().toISOString(),
          source: 'crm',
          aggregateId: c_batch,
          data,
        });
      const second = envelope('o-2');
      await publish(envelope('o-1'));
      await publish(rows[0].payload); // applied before the consumer went away
      await publish(second);
      await publish(second); // the same event twice in one batch
      await publish(envelope('o-bad', { customerId: 42 }));
      await publish(envelope('o-3'));

      const batches: number[] = [];
      type WithBatch = { processBatch(this: unknown, consumer: string, batch: unknown[]): Promise<void> };
      const proto = JetStreamServer.prototype as unknown as WithBatch;
      const original = proto.processBatch;
      const spy = jest.spyOn(proto, 'processBatch').mockImplementation(function (
        this: unknown,
        consumerName: string,
        batch: unknown[],
      ) {
        batches.push(batch.length);
        return original.call(this, consumerName, batch);
      });
      consumer = await Consumer.start({
        dbUrl: dbs.consumerUrl,
        natsUrl: SHARED_NATS_URL,
        namespace: ns,
        handler: style,
      });
      try {
        const counts = await waitFor(
          async () => {
            const x = await countsIn(dbs.consumerUrl);
            return x.applied >= 4 && x.deadLetters >= 1 ? x : undefined;
          },
          10_000,
          'the batch applied',
        );
        expect(counts.orders.get(c_batch)).toEqual(['o-before', 'o-1', 'o-2', 'o-3']);
        expect(counts.duplicates).toBe(0);
        expect(counts.deadLetters).toBe(1);
        expect(Math.max(...batches)).toBeGreaterThanOrEqual(4);
        // Every message acked, duplicates included: nothing pending, nothing waiting for an ack.
        const info = await waitFor(
          async () => {
            const i = await consumer.nats.jsm.consumers.info(
              consumer.nats.naming.stream('crm'),
              consumer.server.durableName('crm'),
            );
            return i.num_pending === 0 && i.num_ack_pending === 0 ? i : undefined;
          },
          10_000,
          'all acked',
        );
        expect(info.delivered.stream_seq).toBe(7);
      } finally {
        spy.mockRestore();
      }
    });

    it('applies an event that reaches its lane just as the lane empties, behind ones the service skips', async () => {
      // A burst of events of a subject the consumer does not handle (each acked without a round trip),
      // then one it handles, all of one aggregate and so of one lane, and nothing after it. The lane used
      // to clear its "running" mark a few microtasks after it found its queue empty: a message queued in
      // between stayed in the queue, held and heartbeated, never applied and never redelivered.
      const skipped = producer.nats.naming.subject(Subjects.crm.customerTierChanged);
      const handled = producer.nats.naming.subject(TEST_EVENT);
      const publish = (subject: string, aggregateId: string, body: string, msgID: string) => {
        const h = headers();
        h.set('Cx-Aggregate-Id', aggregateId);
        return producer.nats.js.publish(subject, body, { msgID, headers: h });
      };
      for (let round = 1; round <= 20; round++) {
        const a = randomUUID();
        const envelope = {
          id: uuidv7(),
          type: TEST_EVENT,
          occurredAt: new Date().toISOString(),
          source: 'crm',
          aggregateId: a,
          data: purchase(a, `o-${round}`),
        };
        await Promise.all([
          ...Array.from({ length: 1 + (round % 6) }, () => publish(skipped, a, '{}', randomUUID())),
          publish(handled, a, JSON.stringify(envelope), envelope.id),
        ]);
        await waitFor(
          async () => ((await countsIn(dbs.consumerUrl)).applied === round ? true : undefined),
          5_000,
          `the handled event of round ${round}`,
        );
      }
      const counts = await countsIn(dbs.consumerUrl);
      expect([counts.duplicates, counts.deadLetters]).toEqual([0, 0]);
    });

    it('keeps going when its handlers read through a small pool while lanes hold transactions', async () => {
      // Three pooled connections, eight lanes, a handler that reads through the pool before it writes
      // (as a cached read's loader does): with every connection held by a lane waiting for such a read,
      // the consumer used to stop for good. The lanes now leave two connections of the pool free.
      await consumer.close();
      consumer = await Consumer.start({
        dbUrl: dbs.consumerUrl,
        natsUrl: SHARED_NATS_URL,
        namespace: ns,
        handler: style,
        poolSize: 3,
        options: { concurrency: 8 },
      });
      behaviour.readThroughPool = consumer.ds;
      try {
        const aggregates = Array.from({ length: 40 }, () => randomUUID());
        await producer.commit(aggregates.map((a) => [a, `o-${a}`]));
        const counts = await waitFor(
          async () => {
            const x = await countsIn(dbs.consumerUrl);
            return x.applied === aggregates.length ? x : undefined;
          },
          20_000,
          'every event applied',
        );
        expect([counts.duplicates, counts.deadLetters]).toEqual([0, 0]);
      } finally {
        behaviour.readThroughPool = undefined;
      }
    });

    it('shuts down at once when closed right after it started, before its consumer was set up', async () => {
      const started = Date.now();
      await consumer.close(); // used to wait forever for a first message
      expect(Date.now() - started).toBeLessThan(5_000);
      consumer = await Consumer.start({
        dbUrl: dbs.consumerUrl,
        natsUrl: SHARED_NATS_URL,
        namespace: ns,
        handler: style,
      });
    });

    it('keeps going when one statement fails in Postgres: that message is retried and dead-lettered, the others applied', async () => {
      const c = randomUUID();
      behaviour.badWrite.add('o-bad-write');
      await consumer.close();
      for (const o of ['o-w1', 'o-bad-write', 'o-w2']) await producer.commit([[c, o]]);
      await waitFor(async () => (await outboxPending(dbs.producerUrl)) === 0, 10_000, 'published');
      consumer = await Consumer.start({
        dbUrl: dbs.consumerUrl,
        natsUrl: SHARED_NATS_URL,
        namespace: ns,
        handler: style,
      });
      const counts = await waitFor(
        async () => {
          const x = await countsIn(dbs.consumerUrl);
          return x.deadLetters === 1 && x.applied === 2 ? x : undefined;
        },
        20_000,
        'the good ones applied, the bad one dead-lettered',
      );
      expect(counts.orders.get(c)).toEqual(['o-w1', 'o-w2']);
      const q = new Client({ connectionString: dbs.consumerUrl });
      await q.connect();
      const dl = await q.query<{ reason: string; deliveries: number; error: string }>(
        `SELECT reason, deliveries, error FROM dead_letter`,
      );
      await q.end();
      expect(dl.rows).toEqual([expect.objectContaining({ reason: 'max-deliveries', deliveries: 5 })]);
      expect(dl.rows[0].error).toMatch(/invalid input syntax for type integer/);
    });

    if (style === 'writeOnly') {
      it('applies a backlog of write-only messages in one round trip per batch, without opening a transaction', async () => {
        const c = randomUUID();
        await consumer.close();
        const orders = Array.from({ length: 12 }, (_, i) => `o-fast-${i}`);
        for (const o of orders) await producer.commit([[c, o]]);
        await waitFor(async () => (await outboxPending(dbs.producerUrl)) === 0, 10_000, 'published');

        const committed: string[] = [];
        behaviour.onCommit = (orderId) => committed.push(orderId);
        // Every statement the consumer sends to Postgres goes through pg's Client.query (TypeORM's too);
        // the producer's relay polls meanwhile on its own session (its empty claims end in a COMMIT).
        const sent = jest.spyOn(Client.prototype, 'query');
        const statements = () =>
          sent.mock.calls
            .filter(
              (_, i) =>
                (sent.mock.contexts[i] as { connectionParameters?: { application_name?: string } })
                  .connectionParameters?.application_name !== 'outbox-relay',
            )
            .map(([sql]) => (typeof sql === 'string' ? sql : String((sql as { text?: string }).text)));
        try {
          consumer = await Consumer.start({
            dbUrl: dbs.consumerUrl,
            natsUrl: SHARED_NATS_URL,
            namespace: ns,
            handler: style,
          });
          await waitFor(
            () => committed.length === orders.length,
            10_000,
            'the backlog applied (onCommit callbacks)',
          );
          expect(committed).toEqual(orders);
          const consumerStatements = statements().filter((sql) =>
            /inbox|applied|TRANSACTION|COMMIT/.test(sql),
          );
          // No transaction opened: each batch is one query holding its inbox rows and the handlers' statements.
          expect(consumerStatements.filter((sql) => /START TRANSACTION|COMMIT/.test(sql))).toEqual([]);
          expect(consumerStatements.length).toBeLessThan(orders.length);
          for (const sql of consumerStatements)
            expect(sql).toMatch(/^INSERT INTO inbox [^;]+;\nINSERT INTO applied/);
          expect(consumerStatements.join('\n').match(/INSERT INTO applied/g)).toHaveLength(orders.length);
        } finally {
          sent.mockRestore();
          behaviour.onCommit = undefined;
        }
        expect((await countsIn(dbs.consumerUrl)).orders.get(c)).toEqual(orders);
        const q = new Client({ connectionString: dbs.consumerUrl });
        await q.connect();
        const inbox = await q.query<{ n: string }>(
          `SELECT count(*) AS n FROM inbox WHERE consumer = 'complaints__crm'`,
        );
        await q.end();
        expect(Number(inbox.rows[0].n)).toBe(orders.length);
      });

      it('joins the insertValues() rows of a backlog batch into one INSERT; a bad row sends its batch the careful way (ADR 36)', async () => {
        behaviour.joinRows = true;
        const c = randomUUID();
        const startConsumer = async () =>
          (consumer = await Consumer.start({
            dbUrl: dbs.consumerUrl,
            natsUrl: SHARED_NATS_URL,
            namespace: ns,
            handler: style,
          }));
        const backlog = async (orders: string[]) => {
          await consumer.close();
          for (const o of orders) await producer.commit([[c, o]]);
          await waitFor(async () => (await outboxPending(dbs.producerUrl)) === 0, 10_000, 'published');
        };
        const sent = jest.spyOn(Client.prototype, 'query');
        try {
          const good = Array.from({ length: 12 }, (_, i) => `o-join-${i}`);
          await backlog(good);
          await startConsumer();
          await waitFor(async () => (await countsIn(dbs.consumerUrl)).applied === 12, 10_000, 'applied');
          const inserts = sent.mock.calls
            .map(([sql]) => (typeof sql === 'string' ? sql : String((sql as { text?: string }).text)))
            .filter((sql) => sql.includes('INSERT INTO applied'));
          // Each batch query holds one INSERT with its messages' rows, not one INSERT per message.
          expect(inserts.length).toBeLessThan(good.length);
          for (const sql of inserts) expect(sql.match(/INSERT INTO applied/g)).toHaveLength(1);
          const rows = inserts
            .map((sql) => sql.slice(sql.indexOf('INSERT INTO applied')).split('), (').length)
            .reduce((a, b) => a + b, 0);
          expect(rows).toBe(good.length);
        } finally {
          sent.mockRestore();
        }

        behaviour.badWrite.add('o-join-bad');
        const more = ['o-join-a', 'o-join-bad', 'o-join-b'];
        await backlog(more);
        await startConsumer();
        const counts = await waitFor(
          async () => {
            const x = await countsIn(dbs.consumerUrl);
            return x.deadLetters === 1 && x.applied === 14 ? x : undefined;
          },
          20_000,
          'the good ones applied, the bad one dead-lettered',
        );
        expect(counts.orders.get(c)).toEqual([
          ...Array.from({ length: 12 }, (_, i) => `o-join-${i}`),
          'o-join-a',
          'o-join-b',
        ]);
        expect(counts.duplicates).toBe(0);
      });

      it('applies through a full transaction a write-only handler that uses ctx.em anyway', async () => {
        const c = randomUUID();
        behaviour.useEm.add('o-needs-em');
        await producer.commit([[c, 'o-needs-em']]);
        await producer.commit([[c, 'o-after']]);
        const counts = await waitFor(
          async () => {
            const x = await countsIn(dbs.consumerUrl);
            return x.orders.get(c)?.length === 2 ? x : undefined;
          },
          10_000,
          'both applied',
        );
        expect(counts.orders.get(c)).toEqual(['o-needs-em', 'o-after']);
        expect(counts.deadLetters).toBe(0);
      });
    }
  },
);
