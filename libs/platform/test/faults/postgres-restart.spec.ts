// Fault tests 7 and 8: the private Postgres is killed (-9) and restarted under the consumer and under the relay.
import { sleep, waitFor } from '@cx/testing';
import { behaviour } from '../support/pipeline';
import {
  chunks,
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

/** Postgres stays down this long (plus its restart): longer than the consumer's whole retry budget in these tests. */
const DOWN_MS = 1_500;

describe('faults: Postgres restart (private nats-server and Postgres)', () => {
  const servers = privateServers();
  let p: FaultPipeline;

  beforeEach(async () => {
    p = await FaultPipeline.create({ natsUrl: servers.nats.url, producerServer: servers.pg.url });
  });

  afterEach(async () => {
    behaviour.delayMs = 0;
    await p?.cleanup();
  });

  const pendingIn = async (url: string) =>
    Number(
      (await query<{ n: string }>(url, `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`))[0].n,
    );

  it('7. Postgres killed and restarted while the consumer applies: all applied exactly once, nothing dead-lettered', async () => {
    const producer = await p.producer();
    const events = plan(40, 10);
    await commitAll(producer, events, 50);
    await waitFor(
      async () => (await p.streamMessages()) === events.length,
      15_000,
      'every event in the stream',
    );

    behaviour.delayMs = 25; // consumption takes a while, so the crash lands in the middle of it
    const { metrics } = await p.consumerWithMetrics(FAST_ACK);
    const appliedAtCrash = await p.waitApplied(60);
    const downAt = Date.now();
    await servers.pg.restart(DOWN_MS); // SIGKILL the postmaster by pid, start it again on the same data dir after DOWN_MS
    const downMs = Date.now() - downAt;

    await p.waitSettled(events.length, 60_000);
    await p.waitQuiet();
    const t = await tally(p);
    report('7 postgres restart during consumption', {
      ...t,
      appliedAtCrash,
      downMs,
      retriesSeen: await counterValue(metrics.consumed, { outcome: 'retried' }),
      redeliveriesSeen: await counterValue(metrics.redeliveries),
    });
    expect(t.committed).toBe(events.length);
    expect(t.published).toBe(t.committed);
    expect(t.applied).toBe(t.committed);
    expectExactlyOnce(t);
  });

  it('8. the relay survives a Postgres restart: everything committed before and after is published', async () => {
    const producer = await p.producer();
    const events = plan(20, 15);
    const batches = chunks(events, 10);
    let failedCommits = 0;
    let restart: Promise<void> | undefined;
    for (const [i, batch] of batches.entries()) {
      if (i === Math.floor(batches.length / 2)) restart = servers.pg.restart();
      // The application retries a commit that failed because the database was away.
      await waitFor(
        () =>
          producer.commit(batch).then(
            () => true,
            () => (failedCommits++, false),
          ),
        30_000,
        `commit of batch ${i}`,
      );
      await sleep(10);
    }
    await restart;

    await waitFor(
      async () => (await pendingIn(p.producerUrl)) === 0,
      30_000,
      'the relay to publish everything pending',
    );
    expect(producer.relay.isLeader).toBe(true);
    // Now consume it all.
    await p.consumer(FAST_ACK);
    const [{ n: committed }] = await query<{ n: string }>(p.producerUrl, `SELECT count(*) AS n FROM outbox`);
    await p.waitSettled(Number(committed), 30_000);
    await p.waitQuiet();
    const t = await tally(p);
    report('8 relay survives postgres restart', { ...t, failedCommits, batches: batches.length });
    // A commit whose result was lost in the crash may have committed anyway: count what the outbox holds.
    expect(t.committed).toBeGreaterThanOrEqual(events.length);
    expect(t.published).toBe(t.committed);
    expect(t.applied).toBe(t.committed);
    expectExactlyOnce(t);
  });
});
