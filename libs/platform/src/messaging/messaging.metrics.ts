import { uuidv7Time } from '@cx/contracts';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Counters and gauges of the event pipeline, registered on the service's metrics registry. */
export class MessagingMetrics {
  readonly published: Counter;
  readonly publishFailures: Counter;
  readonly consumed: Counter<'consumer' | 'subject' | 'outcome'>;
  readonly redeliveries: Counter<'consumer'>;
  readonly deadLetters: Counter<'consumer' | 'reason'>;
  readonly handleSeconds: Histogram<'consumer' | 'subject'>;
  readonly eventDelay: Histogram<'consumer'>;

  constructor(registry: Registry, dataSource?: DataSource) {
    this.published = new Counter({
      name: 'outbox_published_total',
      help: 'Events published from the outbox',
      registers: [registry],
    });
    this.publishFailures = new Counter({
      name: 'outbox_publish_failures_total',
      help: 'Publish attempts that failed and will be retried',
      registers: [registry],
    });
    this.consumed = new Counter({
      name: 'consumer_messages_total',
      help: 'Messages handled by event consumers, by outcome (applied, duplicate, retried, dead-lettered, skipped)',
      labelNames: ['consumer', 'subject', 'outcome'],
      registers: [registry],
    });
    this.redeliveries = new Counter({
      name: 'consumer_redeliveries_total',
      help: 'Messages received with a delivery count above one',
      labelNames: ['consumer'],
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'dead_letters_total',
      help: 'Messages moved to the dead-letter table',
      labelNames: ['consumer', 'reason'],
      registers: [registry],
    });
    this.handleSeconds = new Histogram({
      name: 'consumer_handle_duration_seconds',
      help: 'Time from receipt to commit of one event',
      labelNames: ['consumer', 'subject'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    });
    this.eventDelay = new Histogram({
      name: 'consumer_event_delay_seconds',
      help: "Time from an event's creation in its producer's transaction (its UUIDv7 id) to its handling here: the backbone's freshness (commit -> handled)",
      labelNames: ['consumer'],
      // The objective is 60 s (docs/operations/slo.md): keep that bound a bucket.
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    });
    if (dataSource) {
      new Gauge({
        name: 'outbox_backlog',
        help: 'Events committed but not yet published',
        registers: [registry],
        async collect() {
          const [r] = await dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`,
          );
          this.set(Number(r.n));
        },
      });
      new Gauge({
        name: 'outbox_oldest_pending_age_seconds',
        help: 'Age of the oldest unpublished event (alert when it grows)',
        registers: [registry],
        async collect() {
          const [r] = await dataSource.query<{ age: string | null }[]>(
            `SELECT extract(epoch FROM now() - min(created_at)) AS age FROM outbox WHERE published_at IS NULL`,
          );
          this.set(r.age === null ? 0 : Number(r.age));
        },
      });
      new Gauge({
        name: 'dead_letters_pending',
        help: 'Dead letters not replayed yet',
        registers: [registry],
        async collect() {
          const [r] = await dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM dead_letter WHERE replayed_at IS NULL`,
          );
          this.set(Number(r.n));
        },
      });
    }
  }
}

/**
 * How long an event took from its creation to being handled now, in seconds: the time in its UUIDv7 id
 * (made in the producer's transaction; the relay sends it as Nats-Msg-Id). Wall time on both sides, not
 * the injected Clock: this is a physical delay. Undefined for an id that is not UUIDv7 (not counted).
 */
export function eventDelaySeconds(eventId: string): number | undefined {
  const at = uuidv7Time(eventId);
  return at === undefined ? undefined : Math.max(0, (Date.now() - at) / 1000);
}
