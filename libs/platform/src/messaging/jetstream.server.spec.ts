import { JsMsg } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { JetStreamServer } from './jetstream.server';
import { NatsClient } from './nats.connection';

/** The ack coalescing of JetStreamServer (its private ack/close path), without NATS or Postgres. */
describe('JetStreamServer acks', () => {
  type Internals = { ack(m: JsMsg): void; running: boolean };
  const newServer = () => {
    const server = new JetStreamServer('complaints', {} as NatsClient, {} as DataSource);
    return { server, internals: server as unknown as Internals };
  };
  const fakeMessage = (seq: number, onAck: () => void) =>
    ({ seq, ack: jest.fn(onAck) }) as unknown as JsMsg & { ack: jest.Mock };

  it('sends the acks of transactions that end in separate callbacks of one event-loop turn together, after that turn', async () => {
    const { internals } = newServer();
    const timeline: string[] = [];
    const a = fakeMessage(1, () => timeline.push('ack 1'));
    const b = fakeMessage(2, () => timeline.push('ack 2'));
    // Two lanes whose COMMIT returns in two callbacks of the same turn (immediates here, socket reads in
    // a service). Not two 0 ms timers: the second may fall due a millisecond later, in another turn.
    await new Promise<void>((done) => {
      setImmediate(() => {
        internals.ack(a);
        timeline.push('lane 1 committed');
      });
      setImmediate(() => {
        internals.ack(b);
        timeline.push('lane 2 committed');
      });
      setImmediate(() => setImmediate(done));
    });
    // Without coalescing, 'ack 1' would come right after lane 1's commit, in a write of its own.
    expect(timeline).toEqual(['lane 1 committed', 'lane 2 committed', 'ack 1', 'ack 2']);
    expect(a.ack).toHaveBeenCalledTimes(1);
    expect(b.ack).toHaveBeenCalledTimes(1);
  });

  it('sends pending acks in close(), once', async () => {
    const { server, internals } = newServer();
    const m = fakeMessage(3, () => undefined);
    internals.running = true;
    internals.ack(m);
    expect(m.ack).not.toHaveBeenCalled();
    await server.close();
    expect(m.ack).toHaveBeenCalledTimes(1);
    await new Promise((r) => setImmediate(r));
    expect(m.ack).toHaveBeenCalledTimes(1);
  });

  it('an ack that cannot be sent (connection closed) does not keep the others from being sent', async () => {
    const { internals } = newServer();
    const broken = fakeMessage(4, () => {
      throw new Error('closed connection');
    });
    const fine = fakeMessage(5, () => undefined);
    internals.ack(broken);
    internals.ack(fine);
    await new Promise((r) => setImmediate(r));
    expect(broken.ack).toHaveBeenCalledTimes(1);
    expect(fine.ack).toHaveBeenCalledTimes(1);
  });
});

describe('JetStreamServer handlers', () => {
  it('refuses to start with two @OnEvent handlers of one subject (Nest would chain the second, never called)', async () => {
    const connect = jest.fn();
    const server = new JetStreamServer('crm', { connect } as unknown as NatsClient, {} as DataSource);
    const first = jest.fn();
    const second = jest.fn();
    server.addHandler('evt.aftersales.return.completed.v1', first, true);
    server.addHandler('evt.aftersales.return.completed.v1', second, true);
    const error = await new Promise<unknown>((done) => void server.listen(done));
    expect(String(error)).toContain('two @OnEvent handlers for evt.aftersales.return.completed.v1');
    expect(connect).not.toHaveBeenCalled();
  });
});

describe('JetStreamServer lanes', () => {
  type Internals = { laneOf(m: JsMsg, lanes: number): number };
  const LANES = 8;
  const laneOf = (m: JsMsg) =>
    (new JetStreamServer('aftersales', {} as NatsClient, {} as DataSource) as unknown as Internals).laneOf(
      m,
      LANES,
    );
  const message = (body: string, aggregateHeader?: string) =>
    ({
      subject: 'evt.crm.purchase.recorded.v1',
      headers: aggregateHeader
        ? { get: (k: string) => (k === 'Cx-Aggregate-Id' ? aggregateHeader : '') }
        : undefined,
      string: () => body,
    }) as unknown as JsMsg;
  const envelope = (aggregateId: string) => JSON.stringify({ id: 'x', type: 't', aggregateId, data: {} });

  it('spreads messages without the Cx-Aggregate-Id header over the lanes by the envelope aggregateId', () => {
    const lanes = new Set(Array.from({ length: 64 }, (_, i) => laneOf(message(envelope(`SO-${i}`)))));
    // By the subject alone (the header missing) all 64 shared one lane, one batch at a time.
    expect(lanes.size).toBe(LANES);
  });

  it('keeps one aggregate in one lane whether its id comes in the header or in the envelope', () => {
    for (let i = 0; i < 20; i++) {
      const id = `SO-${i}`;
      const lane = laneOf(message(envelope(id), id));
      expect(laneOf(message(envelope(id)))).toBe(lane);
      expect(laneOf(message(envelope('another'), id))).toBe(lane); // the header wins
    }
  });

  it('puts a body that is not JSON, or has no aggregateId, in the lane of its subject', () => {
    const bySubject = laneOf(message('not json'));
    expect(laneOf(message(JSON.stringify({ id: 'x' })))).toBe(bySubject);
    expect(laneOf(message('null'))).toBe(bySubject);
  });
});
