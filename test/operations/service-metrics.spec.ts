// The metrics the alert rules read that the platform computes at scrape time: the readiness checks
// (health_check_up) and the lag of the consumers of the service's own stream (stream_consumer_*),
// against the real Postgres and NATS.
import { AckPolicy, jetstream } from '@nats-io/jetstream';
import { Subjects, sampleEnvelopeFor, uuidv7 } from '@cx/contracts';
import { HealthChecks, NatsClient } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { complaintsService } from '../../services/complaints/src/service';
import { crmService } from '../../services/crm/src/service';

/** The value of one sample of the exposition, or undefined when absent. */
function sample(body: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([k, v]) => inner.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('scrape-time metrics of a service', () => {
  let h: ServiceHarness;
  const scrape = async () => (await h.request('GET', '/metrics')).body;

  beforeAll(async () => {
    h = await startService(crmService);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('health_check_up: 1 for each passing readiness check, 0 for a failing one', async () => {
    let body = await scrape();
    expect(sample(body, 'health_check_up', { check: 'database', service: 'crm' })).toBe(1);
    expect(sample(body, 'health_check_up', { check: 'nats', service: 'crm' })).toBe(1);

    const health = h.get(HealthChecks);
    health.register('probe', () => Promise.reject(new Error('down on purpose')));
    try {
      body = await scrape();
      expect(sample(body, 'health_check_up', { check: 'probe' })).toBe(0);
      expect(sample(body, 'health_check_up', { check: 'database' })).toBe(1);
      expect((await h.request('GET', '/health/ready')).statusCode).toBe(503);
    } finally {
      health.unregister('probe');
    }
    expect(sample(await scrape(), 'health_check_up', { check: 'probe' })).toBeUndefined();
  });

  it("stream_consumer_*: the pending, unacknowledged and oldest unhandled event of each consumer of the service's stream", async () => {
    const nats = h.get(NatsClient);
    const stream = nats.naming.stream('crm');
    const durable = 'probe__crm';
    await nats.jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      filter_subject: nats.naming.subject(Subjects.crm.customerTierChanged),
    });
    const labels = { stream, consumer: durable };
    let body = await scrape();
    expect(sample(body, 'stream_consumer_pending_messages', labels)).toBe(0);
    expect(sample(body, 'stream_consumer_oldest_unacked_age_seconds', labels)).toBe(0);

    const js = jetstream(nats.nc);
    for (let i = 0; i < 5; i++) {
      const env = sampleEnvelopeFor(Subjects.crm.customerTierChanged);
      await js.publish(nats.naming.subject(env.type), JSON.stringify(env), { msgID: env.id });
    }
    await new Promise((r) => setTimeout(r, 1100)); // so the oldest event is at least a second old
    body = await scrape();
    expect(sample(body, 'stream_consumer_pending_messages', labels)).toBe(5);
    expect(sample(body, 'stream_consumer_ack_pending_messages', labels)).toBe(0);
    expect(sample(body, 'stream_consumer_oldest_unacked_age_seconds', labels)).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'stream_consumer_oldest_unacked_age_seconds', labels)).toBeLessThan(60);

    // Two delivered, one acknowledged: 3 pending, 1 delivered and not acknowledged.
    const consumer = await js.consumers.get(stream, durable);
    const batch = await consumer.fetch({ max_messages: 2, expires: 2000 });
    let seen = 0;
    for await (const m of batch) if (seen++ === 0) m.ack();
    await waitFor(async () => sample(await scrape(), 'stream_consumer_ack_pending_messages', labels) === 1);
    body = await scrape();
    expect(sample(body, 'stream_consumer_pending_messages', labels)).toBe(3);
    expect(sample(body, 'stream_consumer_oldest_unacked_age_seconds', labels)).toBeGreaterThanOrEqual(1);

    await nats.jsm.consumers.delete(stream, durable);
    expect(sample(await scrape(), 'stream_consumer_pending_messages', labels)).toBeUndefined();
  });
});

describe('consumer_event_delay_seconds', () => {
  let h: ServiceHarness;
  beforeAll(async () => {
    h = await startService(complaintsService);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("measures commit -> handled from the event's UUIDv7 id (Nats-Msg-Id), per consumer", async () => {
    const nats = h.get(NatsClient);
    await nats.ensureStream('crm');
    const js = jetstream(nats.nc);
    const publish = async (createdAtMs: number) => {
      const env = sampleEnvelopeFor(Subjects.crm.customerTierChanged, { id: uuidv7(createdAtMs) });
      await js.publish(nats.naming.subject(env.type), JSON.stringify(env), { msgID: env.id });
    };
    const labels = { consumer: 'complaints__crm' };
    const count = async (le?: string) => {
      const body = (await h.request('GET', '/metrics')).body;
      return le === undefined
        ? sample(body, 'consumer_event_delay_seconds_count', labels)
        : sample(body, 'consumer_event_delay_seconds_bucket', { ...labels, le });
    };

    await publish(Date.now()); // fresh
    await publish(Date.now() - 10 * 60_000); // made ten minutes ago, handled only now
    await waitFor(async () => (await count()) === 2, 30_000, 'two events handled');
    expect(await count('60')).toBe(1);
    expect(await count('900')).toBe(2);
    expect(await count('+Inf')).toBe(2);
  });
});
