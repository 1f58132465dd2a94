import { conformsTo, contracts, ContractRegistry, Envelope, ServiceName } from '@cx/contracts';
import { EntityManager } from 'typeorm';
import { uuidv7 } from '@cx/contracts';
import type { NotificationPlanner } from '../notify/notification.planner';
import { injectTraceHeaders } from '../observability/tracing';
import { Clock } from '../time/clock';

/** Marks a transaction that wrote outbox rows (queryRunner.data). */
export const OUTBOX_WRITTEN = 'cxOutboxWritten';

export interface EventToPublish<T = unknown> {
  /** The logical subject, e.g. Subjects.complaints.complaintCreated. */
  type: string;
  aggregateId: string;
  data: T;
  /** When the fact happened; defaults to the clock's now. */
  occurredAt?: Date;
}

/** Events made and their notifications planned (EventPublisher.prepare), not yet written. */
export interface PreparedEvents<T = unknown> {
  readonly envelopes: Envelope<T>[];
  /** INSERTs the outbox rows and the notification requests through `em` (writeTogether's, or the transaction's). */
  write(em: EntityManager): Promise<void>;
}

/** Raised when a service tries to publish an event that breaks its own contract: a bug, so the transaction fails. */
export class ContractViolationError extends Error {
  constructor(
    readonly subject: string,
    readonly errors: { field: string; messages: string[] }[],
  ) {
    super(
      `Event ${subject} breaks its contract: ${errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ')}`,
    );
    this.name = 'ContractViolationError';
  }
}

/**
 * Writes events to the outbox through the caller's EntityManager, so they commit or roll back with
 * the state change they describe. The relay publishes them afterwards.
 */
export class EventPublisher {
  constructor(
    private readonly source: ServiceName,
    private readonly clock: Clock,
    private readonly registry: ContractRegistry = contracts,
    /** Writes the notifications the service's rules ask for these events, in the same transaction (ADR 31). */
    private readonly notifications?: NotificationPlanner,
  ) {}

  async publish<T>(em: EntityManager, event: EventToPublish<T>): Promise<Envelope<T>> {
    const [envelope] = await this.publishAll(em, [event]);
    return envelope;
  }

  async publishAll<T>(em: EntityManager, events: EventToPublish<T>[]): Promise<Envelope<T>[]> {
    const prepared = await this.prepare(em, events);
    await prepared.write(em);
    return prepared.envelopes;
  }

  /**
   * publishAll in two steps, for a caller that writes its change, its events and their notifications
   * as one statement (writeTogether, ComplaintChanges): the envelopes are made (and checked against
   * their contracts) and the notification rules run their reads on `em` now; `write` then only
   * INSERTs the outbox rows and the notification requests, through the manager it is given.
   */
  async prepare<T>(em: EntityManager, events: EventToPublish<T>[]): Promise<PreparedEvents<T>> {
    if (events.length === 0) return { envelopes: [], write: () => Promise.resolve() };
    if (!em.queryRunner?.isTransactionActive)
      throw new Error('EventPublisher needs the EntityManager of an open transaction (use Transactions.run)');
    const envelopes = events.map((e) => this.envelope(e));
    const planned = this.notifications ? await this.notifications.plan(em, envelopes) : [];
    return {
      envelopes,
      write: async (w) => {
        const headers = injectTraceHeaders();
        const values: unknown[] = [];
        const rows = envelopes.map((env, i) => {
          const o = i * 5;
          values.push(env.id, env.type, env.aggregateId, JSON.stringify(env), headers);
          return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5})`;
        });
        await w.query(
          `INSERT INTO outbox (id, subject, aggregate_id, payload, headers) VALUES ${rows.join(', ')}`,
          values,
        );
        // Read by the relay's commit hook: wake up once this transaction commits.
        em.queryRunner!.data = { ...em.queryRunner!.data, [OUTBOX_WRITTEN]: true };
        if (this.notifications) await this.notifications.enqueue(w, planned);
      },
    };
  }

  private envelope<T>(event: EventToPublish<T>): Envelope<T> {
    const entry = this.registry.get(event.type);
    if (!entry || entry.kind !== 'event')
      throw new ContractViolationError(event.type, [
        { field: 'type', messages: ['is not a registered event'] },
      ]);
    // The verdict without a class instance of the payload first (ADR 45); validateAs names the errors.
    if (!conformsTo(entry.payload as new () => object, event.data)) {
      const parsed = this.registry.validatePayload(event.type, event.data);
      if (!parsed.ok) throw new ContractViolationError(event.type, parsed.errors);
    }
    if (!event.type.startsWith(`evt.${this.source}.`))
      throw new ContractViolationError(event.type, [
        { field: 'type', messages: [`${this.source} may only publish evt.${this.source}.* events`] },
      ]);
    return {
      id: uuidv7(),
      type: event.type,
      occurredAt: (event.occurredAt ?? this.clock.now()).toISOString(),
      source: this.source,
      aggregateId: event.aggregateId,
      data: event.data,
    };
  }
}
