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

  /**
   * What the events ask for: each rule's `plan`, whose reads (a course title, a store's zone) run on
   * `em` now. Nothing is written: `enqueue` writes the answer, with plain INSERTs only, so it may go
   * through writeTogether beside the change it tells about (ComplaintChanges).
   */
  async plan(em: EntityManager, envelopes: Envelope[]): Promise<PlannedNotifications> {
    const planned: PlannedNotifications = [];
    for (const event of envelopes) {
      const rules = this.bySubject.get(event.type);
      if (!rules) continue;
      const intents: NotificationIntent[] = [];
      for (const r of rules) intents.push(...(await r.plan(event.data, em)));
      if (intents.length > 0) planned.push({ event, intents });
    }
    return planned;
  }

  /** Writes what `plan` answered: all the events' requests together, one statement for any number of events. */
  async enqueue(em: EntityManager, planned: PlannedNotifications): Promise<void> {
    if (planned.length > 0) await this.repo.enqueue(em, planned, this.clock.now());
  }
}

/** The notifications some events ask for, per event (NotificationPlanner.plan). */
export type PlannedNotifications = { event: Envelope; intents: NotificationIntent[] }[];
