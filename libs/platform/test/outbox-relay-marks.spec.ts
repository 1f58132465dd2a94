import { SHARED_NATS_URL, uniqueNamespace, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  deleteNamespaceStreams,
  outboxPending,
  preparePipelineDatabases,
  PipelineDatabases,
  Producer,
} from './support/pipeline';

describe('OutboxRelay marks a published batch with the next claim (real Postgres and NATS)', () => {
  let dbs: PipelineDatabases;
  let producer: Producer;
  let ns: string;
  let spy: jest.SpiedFunction<Client['query']>;

  /** What the relay's own session sent (its application_name), in order. */
  const relayStatements = () =>
    spy.mock.calls
      .filter(
        (_, i) =>
          (spy.mock.contexts[i] as { connectionParameters?: { application_name?: string } })
            .connectionParameters?.application_name === 'outbox-relay',
      )
      .map(([q]) => (typeof q === 'string' ? q : ''));
  const inStream = async () =>
    (await producer.nats.jsm.streams.info(producer.nats.naming.stream('crm'))).state.messages;

  beforeEach(async () => {
    ns = uniqueNamespace();
    dbs = await preparePipelineDatabases();
    spy = jest.spyOn(Client.prototype, 'query');
  });

  /** A producer whose relay polls once a minute (only commits wake it within a test). */
  async function start(markDelayMs?: number): Promise<void> {
    producer = await Producer.start({
      dbUrl: dbs.producerUrl,
      natsUrl: SHARED_NATS_URL,
      namespace: ns,
      relay: { pollIntervalMs: 60_000, ...(markDelayMs === undefined ? {} : { markDelayMs }) },
    });
    await waitFor(() => producer.relay.isLeader, 5_000, 'the relay to lead');
  }

  afterEach(async () => {
    await producer?.close();
    spy?.mockRestore();
    await deleteNamespaceStreams(SHARED_NATS_URL, ns);
    await dbs?.drop();
  });

  it('one round trip per batch: marks and COMMIT go ahead of the next claim; stopping sends the last', async () => {
    await start(60_000); // marks wait for the next commit
    await producer.commit([[randomUUID(), 'o-1']]);
    await waitFor(async () => (await inStream()) === 1, 10_000, 'the first event in the stream');
    // Published, its mark held back for the next round trip.
    expect(await outboxPending(dbs.producerUrl)).toBe(1);
    const before = relayStatements().length;

    await producer.commit([[randomUUID(), 'o-2']]);
    await waitFor(async () => (await inStream()) === 2, 10_000, 'the second event in the stream');
    await waitFor(async () => (await outboxPending(dbs.producerUrl)) === 1, 5_000, 'the first event marked');
    const round = relayStatements().slice(before);
    expect(round).toHaveLength(1);
    expect(round[0]).toMatch(/^UPDATE outbox SET published_at = now\(\)[\s\S]*; COMMIT; BEGIN; SELECT seq/);

    await producer.relay.stop();
    expect(await outboxPending(dbs.producerUrl)).toBe(0);
    expect(relayStatements().slice(before + 1)).toEqual([
      expect.stringMatching(/^UPDATE outbox[\s\S]*; COMMIT$/),
    ]);
    expect(await inStream()).toBe(2);
  });

  it("wakes after the committing caller's own continuation, not inside it (ADR 56)", async () => {
    await start();
    const before = relayStatements().length;
    await producer.commit([[randomUUID(), 'o-answer']]);
    // A request's answer after its commit: interceptors, serialization and the socket write, all in
    // the microtasks that follow the commit. The relay's claim must not be written ahead of them.
    for (let hop = 0; hop < 50; hop++) await Promise.resolve();
    expect(relayStatements().slice(before)).toEqual([]);
    await waitFor(async () => (await inStream()) === 1, 10_000, 'the event in the stream');
    expect(relayStatements()[before]).toMatch(/BEGIN; SELECT seq/);
  });

  it('marks a batch on its own when no commit comes within markDelayMs', async () => {
    await start(); // the default: 50 ms
    await producer.commit([[randomUUID(), 'o-alone']]);
    await waitFor(async () => (await inStream()) === 1, 10_000, 'the event in the stream');
    await waitFor(async () => (await outboxPending(dbs.producerUrl)) === 0, 2_000, 'the event marked');
    expect(relayStatements().filter((q) => /^UPDATE outbox[\s\S]*; COMMIT$/.test(q))).toHaveLength(1);
  });
});
