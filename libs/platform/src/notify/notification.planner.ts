import { Envelope } from '@cx/contracts';
import { EntityManager } from 'typeorm';
import { Clock } from '../time/clock';
import { NotificationIntent, NotificationRule } from './notification-rules';
import { NotificationRepository } from './notification.repository';

/**
 * Turns a service's own events into notification requests, in the transaction that publishes them
 * (EventPublisher calls it after writing the outbox rows): the notification commits or rolls back
 * with the change it tells about, and a redelivered incoming event (rolled back) asks for none twice.
 */
export class NotificationPlanner {
  private readonly bySubject = new Map<string, NotificationRule[]>();

  constructor(
    rules: NotificationRule[],
    private readonly repo: NotificationRepository,
    private readonly clock: Clock,
  ) {
    for (const r of rules) this.bySubject.set(r.on, [...(this.bySubject.get(r.on) ?? []), r]);
  }

  async planned(em: EntityManager, envelopes: Envelope[]): Promise<void> {
    const planned: { event: Envelope; intents: NotificationIntent[] }[] = [];
    for (const event of envelopes) {
      const rules = this.bySubject.get(event.type);
      if (!rules) continue;
      const intents: NotificationIntent[] = [];
      for (const r of rules) intents.push(...(await r.plan(event.data, em)));
      if (intents.length > 0) planned.push({ event, intents });
    }
    // All the events' requests together: one statement for any number of events (bulk writes).
    if (planned.length > 0) await this.repo.enqueue(em, planned, this.clock.now());
  }
}
