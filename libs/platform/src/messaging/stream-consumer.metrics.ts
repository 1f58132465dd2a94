import { ConsumerInfo } from '@nats-io/jetstream';
import { ServiceName } from '@cx/contracts';
import { Gauge, Registry } from 'prom-client';
import { NatsClient } from './nats.connection';

type Labels = 'stream' | 'consumer';

/**
 * The lag of every durable consumer reading this service's own event stream, read from JetStream at
 * scrape time. The stream's owner reports it, not the consumer: a consuming service that is down or
 * stuck cannot report its own lag, and that is exactly when the alert must fire. Several replicas report
 * the same values: aggregate with `max by (stream, consumer)`.
 */
export class StreamConsumerMetrics {
  constructor(registry: Registry, nats: NatsClient, service: ServiceName) {
    let collecting: Promise<void> | undefined;
    const collect = async (): Promise<void> => {
      // One JetStream round per scrape, shared by the four gauges (each calls collect()).
      collecting ??= read(nats, service).then(
        (rows) => {
          for (const g of [pending, ackPending, redelivered, oldestAge]) g.reset();
          for (const r of rows) {
            const labels = { stream: r.info.stream_name, consumer: r.info.name };
            pending.set(labels, r.info.num_pending);
            ackPending.set(labels, r.info.num_ack_pending);
            redelivered.set(labels, r.info.num_redelivered);
            oldestAge.set(labels, r.oldestAgeSeconds);
          }
        },
        () => {
          // NATS away: no samples rather than stale ones (the readiness check reports NATS down).
          for (const g of [pending, ackPending, redelivered, oldestAge]) g.reset();
        },
      );
      const running = collecting;
      try {
        await running;
      } finally {
        setImmediate(() => {
          if (collecting === running) collecting = undefined;
        });
      }
    };
    const pending = gauge(
      registry,
      'stream_consumer_pending_messages',
      'Messages in the stream not yet delivered to this durable consumer (JetStream num_pending)',
      collect,
    );
    const ackPending = gauge(
      registry,
      'stream_consumer_ack_pending_messages',
      'Messages delivered to this durable consumer and not acknowledged yet (JetStream num_ack_pending)',
      collect,
    );
    const redelivered = gauge(
      registry,
      'stream_consumer_redelivered_messages',
      'Messages delivered more than once and still unacknowledged (JetStream num_redelivered)',
      collect,
    );
    const oldestAge = gauge(
      registry,
      'stream_consumer_oldest_unacked_age_seconds',
      'Age of the first message after the ack floor while the consumer has work left, else 0: an upper bound of how long the oldest unhandled event has waited since it reached the stream',
      collect,
    );
  }
}

async function read(
  nats: NatsClient,
  service: ServiceName,
): Promise<{ info: ConsumerInfo; oldestAgeSeconds: number }[]> {
  if (!nats.isConnected()) throw new Error('NATS is not connected');
  const stream = nats.naming.stream(service);
  const rows: { info: ConsumerInfo; oldestAgeSeconds: number }[] = [];
  for await (const info of nats.jsm.consumers.list(stream)) {
    let oldestAgeSeconds = 0;
    if (info.num_pending + info.num_ack_pending > 0) {
      const next = await nats.jsm.streams
        .getMessage(stream, { seq: info.ack_floor.stream_seq + 1 })
        .catch(() => null); // deleted by the stream's limits meanwhile
      // Wall time against the NATS server's stamp (not the injected Clock, which tests move by hand).
      if (next) oldestAgeSeconds = Math.max(0, (Date.now() - next.time.getTime()) / 1000);
    }
    rows.push({ info, oldestAgeSeconds });
  }
  return rows;
}

/** A gauge prom-client fills by calling `collect` before each scrape serialises it. */
function gauge(registry: Registry, name: string, help: string, collect: () => Promise<void>): Gauge<Labels> {
  const existing = registry.getSingleMetric(name) as Gauge<Labels> | undefined;
  return (
    existing ?? new Gauge({ name, help, labelNames: ['stream', 'consumer'], registers: [registry], collect })
  );
}
