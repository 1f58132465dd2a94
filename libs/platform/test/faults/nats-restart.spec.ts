// Fault test 6: nats-server is killed (-9) and restarted on the same store dir during a burst.
import { sleep } from '@cx/testing';
import {
  chunks,
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

describe('faults: NATS restart (private nats-server and Postgres)', () => {
  const servers = privateServers();
  let p: FaultPipeline;

  beforeEach(async () => {
    p = await FaultPipeline.create({ natsUrl: servers.nats.url, producerServer: servers.pg.url });
  });

  afterEach(async () => {
    await p?.cleanup();
  });

  it('6. nats-server killed and restarted during a burst: every committed event is applied exactly once', async () => {
    const { metrics } = await p.consumerWithMetrics(FAST_ACK);
    const producer = await p.producer();
    const events = plan(20, 15);
    const batches = chunks(events, 10);

    let restarted = false;
    let restart: Promise<void> | undefined;
    for (const [i, batch] of batches.entries()) {
      await producer.commit(batch);
      if (i === Math.floor(batches.length / 3)) {
        // kill -9 while the relay publishes and the consumer applies; up again after 500 ms, same store.
        restart = servers.nats.restart(500).then(() => void (restarted = true));
      }
      await sleep(15);
    }
    await restart;
    expect(restarted).toBe(true);

    await p.waitSettled(events.length, 60_000);
    await p.waitQuiet();
    const [{ n: pending }] = await query<{ n: string }>(
      p.producerUrl,
      `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`,
    );
    const [{ n: retried }] = await query<{ n: string }>(
      p.producerUrl,
      `SELECT count(*) AS n FROM outbox WHERE attempts > 1`,
    );
    const t = await tally(p);
    report('6 nats restart during burst', {
      ...t,
      publishRetried: Number(retried),
      redeliveriesSeen: await counterValue(metrics.redeliveries),
    });
    expect(Number(pending)).toBe(0);
    expect(t.committed).toBe(events.length);
    expect(t.published).toBe(t.committed);
    expect(t.applied).toBe(t.committed);
    expectExactlyOnce(t);
  });
});
