// Fault tests 1 and 2: the outbox relay dies at its two worst moments.
import { waitFor } from '@cx/testing';
import { ChildFixture } from './support/children';
import {
  commitAll,
  expectExactlyOnce,
  FaultPipeline,
  plan,
  privateServers,
  query,
  report,
  tally,
} from './support/harness';

describe('faults: outbox relay killed (private nats-server and Postgres)', () => {
  const servers = privateServers();
  let p: FaultPipeline;
  let paused = false;

  beforeEach(async () => {
    p = await FaultPipeline.create({ natsUrl: servers.nats.url, producerServer: servers.pg.url });
  });

  afterEach(async () => {
    if (paused && servers.nats.pid) process.kill(servers.nats.pid, 'SIGCONT');
    paused = false;
    await p?.cleanup();
  });

  /** Relay transactions that hold claimed outbox rows (state idle in transaction after the claim, or blocked in the mark). */
  const relayClaims = (url: string) =>
    query<{ pid: number; state: string; query: string }>(
      url,
      `SELECT pid, state, query FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND (query LIKE '%FOR UPDATE SKIP LOCKED%' OR query LIKE 'UPDATE outbox SET published_at%') AND state <> 'idle'`,
    );

  /** Outbox rows that some transaction holds locked right now (SKIP LOCKED cannot see them). */
  async function lockedRows(url: string): Promise<number> {
    const [r] = await query<{ pending: string; free: string }>(
      url,
      `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL) AS pending,
              (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE published_at IS NULL FOR UPDATE SKIP LOCKED) f) AS free`,
    );
    return Number(r.pending) - Number(r.free);
  }

  it('1. relay killed after commit and before publish: a new relay publishes every event, applied exactly once', async () => {
    const nats = servers.nats;
    await p.consumer();
    const producer = await p.producer({ startRelay: false }); // commits now; its relay takes over later
    const relay = await ChildFixture.start(
      'relay.ts',
      p.childEnv('producer', { START_ON_SIGNAL: 1, PUBLISH_TIMEOUT_MS: 120_000 }),
    );

    const events = plan(10, 20);
    await commitAll(producer, events, 25);

    // Freeze nats-server: publishes go out on the socket but no PubAck can come back.
    process.kill(nats.pid!, 'SIGSTOP');
    paused = true;
    relay.signal('SIGUSR2');
    await relay.waitForLine(/^STARTED/);
    await waitFor(
      async () => (await relayClaims(p.producerUrl)).some((a) => a.state === 'idle in transaction'),
      10_000,
      'the relay to claim rows and wait for PubAcks',
    );
    const inFlight = await lockedRows(p.producerUrl);
    expect(inFlight).toBeGreaterThan(0);

    const exit = await relay.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    process.kill(nats.pid!, 'SIGCONT');
    paused = false;
    // The killed relay's transaction rolled back: everything is pending again.
    await waitFor(
      async () => (await lockedRows(p.producerUrl)) === 0,
      10_000,
      'the killed relay to release its claim',
    );
    const [{ n: pendingAfterKill }] = await query<{ n: string }>(
      p.producerUrl,
      `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`,
    );
    expect(Number(pendingAfterKill)).toBe(events.length);

    // Publishes the frozen server had buffered from the dead relay's socket may or may not be stored now.
    const storedBeforeNewRelay = await p.streamMessages();

    producer.relay.start();
    await p.waitSettled(events.length);
    await p.waitQuiet();
    await waitFor(
      async () =>
        (
          await query<{ n: string }>(
            p.producerUrl,
            `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`,
          )
        )[0].n === '0',
      10_000,
      'outbox drained',
    );

    const t = await tally(p);
    report('1 relay killed before publish', { ...t, inFlightAtKill: inFlight, storedBeforeNewRelay });
    expect(t.committed).toBe(events.length);
    expect(t.published).toBe(t.committed);
    expect(t.applied).toBe(t.committed);
    expectExactlyOnce(t);
  });

  it('2. relay killed after PubAck and before marking: the new relay republishes, the stream dedups, applied exactly once', async () => {
    const db = new URL(p.producerUrl).pathname.slice(1);
    // A dead client's backend must notice at once (otherwise pg_sleep below keeps its locks for a minute).
    await query(p.producerUrl, `ALTER DATABASE "${db}" SET client_connection_check_interval = '100ms'`);
    await query(
      p.producerUrl,
      `CREATE FUNCTION fault_hold_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(60); RETURN NULL; END $$`,
    );
    await query(
      p.producerUrl,
      `CREATE TRIGGER fault_hold_mark BEFORE UPDATE ON outbox FOR EACH STATEMENT EXECUTE FUNCTION fault_hold_mark()`,
    );

    await p.consumer();
    const producer = await p.producer({ startRelay: false });
    const events = plan(10, 15);
    await commitAll(producer, events, 30);

    // The relay claims all 150 rows in one batch, gets every PubAck, then blocks in the mark-published UPDATE.
    const relay = await ChildFixture.start('relay.ts', p.childEnv('producer'));
    await waitFor(
      async () => (await p.streamMessages()) === events.length,
      15_000,
      'the stream to hold every event',
    );
    await waitFor(
      async () =>
        (await relayClaims(p.producerUrl)).some(
          (a) => a.state === 'active' && a.query.startsWith('UPDATE outbox SET published_at'),
        ),
      10_000,
      'the relay to block while marking',
    );
    const exit = await relay.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');

    await waitFor(
      async () => (await relayClaims(p.producerUrl)).length === 0,
      10_000,
      'the dead relay backend to go away',
    );
    await query(p.producerUrl, `DROP TRIGGER fault_hold_mark ON outbox`);
    const [{ n: pendingAfterKill }] = await query<{ n: string }>(
      p.producerUrl,
      `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`,
    );
    expect(Number(pendingAfterKill)).toBe(events.length); // the mark never happened

    producer.relay.start();
    await waitFor(
      async () =>
        (
          await query<{ n: string }>(
            p.producerUrl,
            `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`,
          )
        )[0].n === '0',
      15_000,
      'the new relay to republish everything',
    );
    await p.waitSettled(events.length);
    await p.waitQuiet();

    const t = await tally(p);
    report('2 relay killed before marking', { ...t, republished: Number(pendingAfterKill) });
    expect(t.committed).toBe(events.length);
    expect(t.published).toBe(t.committed); // republished with the same Nats-Msg-Id: dropped as duplicates
    expect(t.applied).toBe(t.committed);
    expectExactlyOnce(t);
  });
});
