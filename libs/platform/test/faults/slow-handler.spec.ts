// Fault test 5: a handler slower than the ack wait, with two workers on the same durable consumer.
import { randomUUID } from 'node:crypto';
import { behaviour } from '../support/pipeline';
import {
  commitAll,
  counterValue,
  expectExactlyOnce,
  FaultPipeline,
  privateServers,
  report,
  tally,
} from './support/harness';

const LANES = 16;
const ACK_WAIT_MS = 1_000;
const HANDLER_MS = 1_500; // slower than the ack wait

/** Mirrors JetStreamServer.laneOf: aggregates with different lanes run side by side in one worker. */
function laneOf(aggregateId: string, lanes = LANES): number {
  let h = 0;
  for (let i = 0; i < aggregateId.length; i++) h = (h * 31 + aggregateId.charCodeAt(i)) | 0;
  return Math.abs(h) % lanes;
}

/** `n` aggregate ids that all fall into different lanes. */
function aggregatesInDistinctLanes(n: number): string[] {
  const used = new Set<number>();
  const out: string[] = [];
  while (out.length < n) {
    const id = randomUUID();
    if (used.has(laneOf(id))) continue;
    used.add(laneOf(id));
    out.push(id);
  }
  return out;
}

describe('faults: handler slower than the ack wait, two workers (private nats-server and Postgres)', () => {
  const servers = privateServers();
  let p: FaultPipeline;

  beforeEach(async () => {
    p = await FaultPipeline.create({ natsUrl: servers.nats.url, producerServer: servers.pg.url });
    behaviour.attempts.clear();
    behaviour.delayMs = HANDLER_MS;
  });

  afterEach(async () => {
    behaviour.delayMs = 0;
    await p?.cleanup();
  });

  async function twoWorkers(heartbeat: boolean) {
    const options = { ackWaitMs: ACK_WAIT_MS, heartbeat, concurrency: LANES };
    return [await p.consumerWithMetrics(options), await p.consumerWithMetrics(options)];
  }

  it('5a. heartbeat off: the server redelivers to the other worker while the first still runs; the inbox row makes it wait and skip', async () => {
    const workers = await twoWorkers(false);
    const producer = await p.producer();
    const events: [string, string][] = aggregatesInDistinctLanes(8).map((a) => [a, `${a.slice(0, 8)}-0`]);
    await commitAll(producer, events, events.length);

    await p.waitSettled(events.length);
    await p.waitQuiet();
    const t = await tally(p);
    const redeliveries = (await Promise.all(workers.map((w) => counterValue(w.metrics.redeliveries)))).reduce(
      (a, b) => a + b,
      0,
    );
    const skipped = (
      await Promise.all(workers.map((w) => counterValue(w.metrics.consumed, { outcome: 'duplicate' })))
    ).reduce((a, b) => a + b, 0);
    const outcomes = async (i: number, outcome: string) =>
      counterValue(workers[i].metrics.consumed, { outcome });
    report('5a slow handler, heartbeat off', {
      ...t,
      redeliveriesSeen: redeliveries,
      inboxDuplicatesSkipped: skipped,
      handlerRuns: [...behaviour.attempts.values()].reduce((a, b) => a + b, 0),
      worker1Applied: await outcomes(0, 'applied'),
      worker1Skipped: await outcomes(0, 'duplicate'),
      worker2Applied: await outcomes(1, 'applied'),
      worker2Skipped: await outcomes(1, 'duplicate'),
    });
    expect(redeliveries).toBeGreaterThan(0); // the fault really happened
    expect(skipped).toBeGreaterThan(0);
    // Every redelivery waited on the inbox row and never reached the handler.
    for (const [, order] of events) expect(behaviour.attempts.get(order)).toBe(1);
    expect(t.applied).toBe(events.length);
    expectExactlyOnce(t);
  });

  it('5b. heartbeat on: working() keeps every held message, so nothing is redelivered (also messages queued behind a slow one)', async () => {
    const workers = await twoWorkers(true);
    const producer = await p.producer();
    const aggregates = aggregatesInDistinctLanes(6);
    // Two aggregates get three events each: the later ones wait in their lane behind the slow handler.
    const events: [string, string][] = [];
    for (let i = 0; i < 3; i++)
      for (const [k, a] of aggregates.entries())
        if (i === 0 || k < 2) events.push([a, `${a.slice(0, 8)}-${i}`]);
    await commitAll(producer, events, events.length);

    await p.waitSettled(events.length);
    await p.waitQuiet();
    const t = await tally(p);
    const redeliveries = (await Promise.all(workers.map((w) => counterValue(w.metrics.redeliveries)))).reduce(
      (a, b) => a + b,
      0,
    );
    report('5b slow handler, heartbeat on', {
      ...t,
      redeliveriesSeen: redeliveries,
      handlerRuns: [...behaviour.attempts.values()].reduce((a, b) => a + b, 0),
    });
    expect(redeliveries).toBe(0);
    expect(t.redelivered).toBe(0);
    expect(t.delivered).toBe(events.length);
    expect(t.applied).toBe(events.length);
    expectExactlyOnce(t);
  });
});
