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
