// Fault tests 9 and 10: poison among normal traffic, and a consumer that was offline catching up.
import { waitFor } from '@cx/testing';
import { headers } from '@nats-io/nats-core';
import { randomUUID } from 'node:crypto';
import { behaviour, countsIn, TEST_EVENT } from '../support/pipeline';
import {
  commitAll,
  counterValue,
  expectedOrders,
  expectExactlyOnce,
  FAST_ACK,
  FaultPipeline,
  plan,
  privateServers,
  query,
  report,
  tally,
} from './support/harness';

describe('faults: poison messages and catching up (private nats-server and Postgres)', () => {
  const servers = privateServers();
  let p: FaultPipeline;

  beforeEach(async () => {
    p = await FaultPipeline.create({ natsUrl: servers.nats.url, producerServer: servers.pg.url });
    behaviour.alwaysFail.clear();
    behaviour.attempts.clear();
  });

  afterEach(async () => {
    behaviour.alwaysFail.clear();
    await p?.cleanup();
  });

  const pendingIn = async (url: string) =>
    Number(
      (await query<{ n: string }>(url, `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`))[0].n,
    );

  it('9. a malformed message and a handler that always throws among normal traffic: two dead letters, everything else applied once', async () => {
    const { metrics } = await p.consumerWithMetrics({ ...FAST_ACK, maxDeliveries: 5 });
    const producer = await p.producer();
    const events = plan(20, 10);
    const half = events.length / 2;
    await commitAll(producer, events.slice(0, half), 20);

    // Poison 1: a committed event whose handler always throws (its own aggregate, so no order is at stake).
    const poisonAggregate = randomUUID();
    behaviour.alwaysFail.add('o-always-throws');
    await producer.commit([[poisonAggregate, 'o-always-throws']]);
    // Poison 2: a message that is not even JSON, published straight to the stream.
    const h = headers();
    h.set('Cx-Aggregate-Id', randomUUID());
    await p.observer.js.publish(p.observer.naming.subject(TEST_EVENT), 'this is not an envelope', {
      msgID: `poison-${randomUUID()}`,
      headers: h,
    });

    await commitAll(producer, events.slice(half), 20);
    await p.waitSettled(events.length + 1);
    await waitFor(async () => (await tally(p)).deadLettered === 2, 15_000, 'two dead letters');
    await p.waitQuiet();

    const t = await tally(p);
    const letters = await query<{ reason: string; deliveries: number; subject: string }>(
      p.consumerUrl,
      `SELECT reason, deliveries, subject FROM dead_letter ORDER BY reason`,
    );
    report('9 poison among normal traffic', {
      ...t,
      poisonInjected: 2,
      retriesSeen: await counterValue(metrics.consumed, { outcome: 'retried' }),
      handlerRunsOfPoison: behaviour.attempts.get('o-always-throws') ?? 0,
    });
    expect(letters).toEqual([
      { reason: 'contract', deliveries: 1, subject: TEST_EVENT },
      { reason: 'max-deliveries', deliveries: 5, subject: TEST_EVENT },
    ]);
    expect(behaviour.attempts.get('o-always-throws')).toBe(5); // one handler run per delivery, also in a batch
    expect(t.committed).toBe(events.length + 1);
    expect(t.published).toBe(t.committed + 1); // + the malformed message
    expect(t.applied).toBe(events.length);
    expectExactlyOnce(t, 2);
    const orders = (await countsIn(p.consumerUrl)).orders;
    for (const [aggregate, expected] of expectedOrders(events))
      expect(orders.get(aggregate)).toEqual(expected);
  });

  it('10. a consumer offline while 2000 events are published catches up: all applied once, in order per aggregate', async () => {
    const producer = await p.producer();
    // The consumer has run before (its durable exists with an ack floor), then goes away.
    const before = plan(10, 10);
    const consumer = await p.consumer(FAST_ACK);
    await commitAll(producer, before, 50);
    await p.waitSettled(before.length);
    await p.waitQuiet();
    await consumer.close();

    const backlog = plan(20, 100);
    await commitAll(producer, backlog, 50);
    await waitFor(
      async () => (await pendingIn(p.producerUrl)) === 0,
      30_000,
      'the relay to publish the backlog',
    );
    const waiting = (await p.consumerInfo()).num_pending;
    expect(waiting).toBe(backlog.length);

    const started = Date.now();
    const { metrics } = await p.consumerWithMetrics(FAST_ACK);
    await p.waitSettled(before.length + backlog.length, 60_000);
    const catchUpMs = Date.now() - started;
    await p.waitQuiet();

    const t = await tally(p);
    report('10 offline consumer catches up', {
      ...t,
      backlog: waiting,
      catchUpMs,
      redeliveriesSeen: await counterValue(metrics.redeliveries),
    });
    expect(t.committed).toBe(before.length + backlog.length);
    expect(t.published).toBe(t.committed);
    expect(t.applied).toBe(t.committed);
    // Messages waiting behind others are held by the heartbeat: the backlog is not delivered twice.
    expect(await counterValue(metrics.redeliveries)).toBe(0);
    expectExactlyOnce(t);
    const orders = (await countsIn(p.consumerUrl)).orders;
    for (const [aggregate, expected] of [...expectedOrders(before), ...expectedOrders(backlog)])
      expect(orders.get(aggregate)).toEqual(expected);
  });
});
