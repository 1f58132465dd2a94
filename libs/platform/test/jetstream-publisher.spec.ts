import { SHARED_NATS_URL, uniqueNamespace } from '@cx/testing';
import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { headers, NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { JetStreamPublisher } from '../src/messaging/jetstream-publisher';

describe('JetStreamPublisher (real NATS with JetStream)', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let ns: string;
  const stream = () => `${ns}_pub`;
  const message = (subject: string, msgId: string, payload = '{}') => {
    const h = headers();
    h.set('Cx-Aggregate-Id', msgId);
    return { subject, payload, msgId, headers: h };
  };

  beforeAll(async () => {
    nc = await connect({ servers: SHARED_NATS_URL });
    jsm = await jetstreamManager(nc);
    ns = uniqueNamespace().replace(/[^A-Za-z0-9_]/g, '_');
    await jsm.streams.add({ name: stream(), subjects: [`${ns}.stored.>`] });
  });

  afterAll(async () => {
    await jsm.streams.delete(stream()).catch(() => undefined);
    await nc.close();
  });

  it('publishes a batch in order, each with its Nats-Msg-Id and headers; a repeated id is stored once and not an error', async () => {
    const publisher = new JetStreamPublisher();
    const ids = Array.from({ length: 300 }, (_, i) => `m-${i}`);
    const first = await publisher.publishAll(
      nc,
      ids.map((id) => message(`${ns}.stored.a`, id, JSON.stringify({ id }))),
      5_000,
    );
    expect(first).toEqual(ids.map(() => null));
    const again = await publisher.publishAll(nc, [message(`${ns}.stored.a`, 'm-7')], 5_000);
    expect(again).toEqual([null]);
    const info = await jsm.streams.info(stream());
    expect(info.state.messages).toBe(300);
    const m = await jsm.streams.getMessage(stream(), { seq: 8 });
    expect(m?.json<{ id: string }>()).toEqual({ id: 'm-7' });
    expect(m?.header.get('Nats-Msg-Id')).toBe('m-7');
    expect(m?.header.get('Cx-Aggregate-Id')).toBe('m-7');
  });

  it('answers each message with its error: no stream takes the subject, or no PubAck in time; the others are stored', async () => {
    const publisher = new JetStreamPublisher();
    // A plain subscriber that never answers stands in for a server that does not acknowledge.
    const silent = nc.subscribe(`${ns}.silent`, { callback: () => undefined });
    const started = Date.now();
    const outcomes = await publisher.publishAll(
      nc,
      [
        message(`${ns}.stored.b`, 'b-1'),
        message(`${ns}.nowhere`, 'b-2'),
        message(`${ns}.silent`, 'b-3'),
        message(`${ns}.stored.b`, 'b-4'),
      ],
      400,
    );
    silent.unsubscribe();
    expect(outcomes[0]).toBeNull();
    expect(outcomes[1]).toMatch(/no responders/);
    expect(outcomes[2]).toBe('no PubAck within 400 ms');
    expect(outcomes[3]).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('reports an error the stream answers with', async () => {
    const publisher = new JetStreamPublisher();
    const h = headers();
    h.set('Nats-Expected-Stream', 'another-stream');
    const [error] = await publisher.publishAll(
      nc,
      [{ subject: `${ns}.stored.c`, payload: '{}', msgId: 'c-1', headers: h }],
      5_000,
    );
    expect(error).toMatch(/stream/i);
    expect(error).not.toBeNull();
  });
});
