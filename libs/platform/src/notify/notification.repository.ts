import { Envelope, uuidv7 } from '@cx/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { DeliveryStatus } from './delivery.rules';
import type { NotificationIntent } from './notification-rules';
import { DELIVERY_KEY_CONFLICT, DeliveryRecord, toDeliveryRecord } from './notifier';
import { templateLanguage } from './templates';

/** A notification waiting to be sent (or sent): a recipient reference, never a contact detail. */
export interface NotificationRequestRow {
  id: string;
  eventId: string;
  recipientKind: 'customer' | 'staff';
  recipientId: string;
  purpose: string;
  template: string;
  params: Record<string, string | number> | null;
  aboutType: string;
  aboutId: string;
  rounds: number;
  /** Its delivery, already sent or refused for good (a sender that stopped before finishing it): not sent again. */
  delivered: { id: string; status: 'sent' | 'bounced'; lastError: string | null } | null;
}

/** The delivery log's key of a request's delivery: one log row per request, however many rounds. */
export const requestDeliveryKey = (requestId: string): string => `notification-request:${requestId}`;

/**
 * How a claimed request ends this round: finished with its `outcome`, or (`outcome` null) tried
 * again at `dueAt`; with the delivery log row its send (or not-sending) left, if any.
 */
export interface RequestSettlement {
  id: string;
  outcome: RequestOutcome | null;
  dueAt?: Date;
  note: string | null;
  /** A delivery already in the log (kept as the request's); the new row's id wins over it. */
  deliveryId?: string | null;
  /** The delivery log row this round leaves (written, or added to the request's row of earlier rounds). */
  delivery?: Omit<DeliveryRecord, 'id' | 'createdAt' | 'updatedAt'>;
}

/** How a request ended: the delivery's status, or why nothing could be tried. */
export type RequestOutcome = DeliveryStatus | 'no-contact';

export interface RecipientRow {
  group: string;
  storeId: string | null;
  employeeId: string;
  updatedBy: string;
  updatedAt: Date;
}

export interface DeliveryLogFilter {
  status?: DeliveryStatus;
  aboutType?: string;
  aboutId?: string;
  template?: string;
  /** Keyset position: rows strictly older than this (created_at, id). */
  after?: { createdAt: string; id: string };
  limit: number;
}

/** The only place that reads and writes notification requests, recipient groups and the delivery log's pages. */
export class NotificationRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Writes the notifications the events' `intents` ask for, in the caller's transaction (the one
   * publishing the events): a group becomes one row per employee listed for it (its store's and every
   * store's). The requests to a customer or an employee of every event go in one statement, however
   * many events the transaction publishes (a bulk ingest's tier upgrades: one INSERT, not one per event).
   */
  async enqueue(
    em: EntityManager,
    planned: { event: Envelope; intents: NotificationIntent[] }[],
    now: Date,
  ): Promise<void> {
    const single: { event: Envelope; intent: NotificationIntent; kind: string; id: string }[] = [];
    for (const { event, intents } of planned)
      for (const i of intents) {
        const to = i.to;
        if (!('group' in to)) {
          const [kind, id] = 'customerId' in to ? ['customer', to.customerId] : ['staff', to.employeeId];
          single.push({ event, intent: i, kind, id });
          continue;
        }
        // A request per employee listed for the store or every store; none listed, the delivery log
        // says so (`not-sent` with the reason, keyed so it is written once) instead of silence. Two
        // plain INSERTs, not one statement with a CTE: writeTogether (complaints' intake) pipelines
        // only INSERTs, and neither depends on the other's result.
        const store = to.storeId ?? '';
        await em.query(
          `INSERT INTO notification_request (id, event_id, recipient_kind, recipient_id, purpose, template, params,
                                             about_type, about_id, status, due_at, created_at, updated_at)
           SELECT gen_random_uuid(), $1, 'staff', r.employee_id, $2, $3, $4, $5, $6, 'pending', $7, $7, $7
             FROM (SELECT DISTINCT employee_id FROM notification_recipient
                    WHERE group_code = $8 AND (store_id = '' OR store_id = $9)) r
           ON CONFLICT DO NOTHING`,
          [
            event.id,
            to.purpose,
            i.template.name,
            JSON.stringify(i.params),
            i.about.type,
            i.about.id,
            now,
            to.group,
            store,
          ],
        );
        await em.query(
          `INSERT INTO notification_delivery (id, channel, template, language, status, attempts, last_error,
                                              about_type, about_id, idempotency_key, created_at, updated_at)
           SELECT $1, 'email', $2, $3, 'not-sent', 0, $4, $5, $6, $7, $8, $8
            WHERE NOT EXISTS (SELECT 1 FROM notification_recipient
                               WHERE group_code = $9 AND (store_id = '' OR store_id = $10))
           ON CONFLICT (idempotency_key) DO NOTHING`,
          [
            uuidv7(),
            i.template.name,
            templateLanguage(i.template, undefined),
            `no recipients in group ${to.group}${store ? ` for store ${store}` : ''}`,
            i.about.type,
            i.about.id,
            `empty-group:${event.id}:${i.template.name}:${to.group}:${store}`,
            now,
            to.group,
            store,
          ],
        );
      }
    if (single.length === 0) return;
    await em.query(
      `INSERT INTO notification_request (id, event_id, recipient_kind, recipient_id, purpose, template, params,
                                         about_type, about_id, status, due_at, created_at, updated_at)
       SELECT id, event_id, kind, recipient_id, purpose, template, params, about_type, about_id, 'pending', $10, $10, $10
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                     $8::text[], $9::text[])
           AS r(id, event_id, kind, recipient_id, purpose, template, params, about_type, about_id)
       ON CONFLICT DO NOTHING`,
      [
        single.map(() => uuidv7()),
        single.map((r) => r.event.id),
        single.map((r) => r.kind),
        single.map((r) => r.id),
        single.map((r) => r.intent.to.purpose),
        single.map((r) => r.intent.template.name),
        single.map((r) => JSON.stringify(r.intent.params)),
        single.map((r) => r.intent.about.type),
        single.map((r) => r.intent.about.id),
        now,
      ],
    );
  }

  /**
   * Claims up to `limit` due requests (SKIP LOCKED: replicas share them); a claim older than `staleMs`
   * is a crashed sender's. Each comes with its delivery when that was already sent or refused, so it
   * is not sent again (read here, per batch, instead of one lookup per send).
   */
  async claimDue(now: Date, limit: number, staleMs: number): Promise<NotificationRequestRow[]> {
    // A CTE, so the driver answers the rows (a bare UPDATE ... RETURNING answers [rows, count]).
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH claimed AS (
         UPDATE notification_request r SET claimed_at = $1
          WHERE r.id IN (SELECT id FROM notification_request
                          WHERE status = 'pending' AND due_at <= $1
                            AND (claimed_at IS NULL OR claimed_at < $2)
                          ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING r.*)
       SELECT c.*, d.id AS delivered_id, d.status AS delivered_status, d.last_error AS delivered_error
         FROM claimed c
         LEFT JOIN notification_delivery d
           ON d.idempotency_key = $4 || c.id::text AND d.status IN ('sent', 'bounced')
        ORDER BY c.due_at, c.id`,
      [now, new Date(now.getTime() - staleMs), limit, requestDeliveryKey('')],
    );
    return rows.map((r) => ({
      id: r.id as string,
      eventId: r.event_id as string,
      recipientKind: r.recipient_kind as 'customer' | 'staff',
      recipientId: r.recipient_id as string,
      purpose: r.purpose as string,
      template: r.template as string,
      params: (r.params as Record<string, string | number> | null) ?? null,
      aboutType: r.about_type as string,
      aboutId: r.about_id as string,
      rounds: Number(r.rounds),
      delivered: r.delivered_id
        ? {
            id: r.delivered_id as string,
            status: r.delivered_status as 'sent' | 'bounced',
            lastError: (r.delivered_error as string | null) ?? null,
          }
        : null,
    }));
  }

  /**
   * Ends this round of claimed requests in one statement: each one's delivery log row (keyed by the
   * request, the same row every round) written with its request's change, so a send is never
   * recorded without its request finished or the other way round. A finished request keeps its
   * outcome and drops its params (texts meant for one person); a retried one keeps its params.
   */
  async settle(settlements: RequestSettlement[], now: Date): Promise<void> {
    if (settlements.length === 0) return;
    const d = (s: RequestSettlement) => s.delivery;
    await this.ds.query(
      `WITH i AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::uuid[], $6::uuid[],
                              $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[],
                              $13::text[], $14::text[], $15::text[])
           AS i(id, outcome, due_at, note, delivery_id, new_delivery_id, channel, template, language, status,
                attempts, last_error, about_type, about_id, idempotency_key)),
       d AS (
         INSERT INTO notification_delivery
           (id, channel, template, language, status, attempts, last_error, about_type, about_id,
            idempotency_key, created_at, updated_at)
         SELECT new_delivery_id, channel, template, language, status, attempts, last_error, about_type, about_id,
                idempotency_key, $16, $16
           FROM i WHERE new_delivery_id IS NOT NULL
         ${DELIVERY_KEY_CONFLICT}
         RETURNING id, idempotency_key)
       UPDATE notification_request r
          SET status = CASE WHEN i.outcome IS NULL THEN r.status ELSE 'done' END,
              outcome = COALESCE(i.outcome, r.outcome),
              due_at = COALESCE(i.due_at, r.due_at),
              delivery_id = CASE WHEN i.outcome IS NULL THEN COALESCE(d.id, i.delivery_id, r.delivery_id)
                                 ELSE COALESCE(d.id, i.delivery_id) END,
              params = CASE WHEN i.outcome IS NULL THEN r.params END,
              note = i.note, claimed_at = NULL, rounds = r.rounds + 1, updated_at = $16
         FROM i LEFT JOIN d ON d.idempotency_key = i.idempotency_key
        WHERE r.id = i.id`,
      [
        settlements.map((s) => s.id),
        settlements.map((s) => s.outcome),
        settlements.map((s) => s.dueAt ?? null),
        settlements.map((s) => s.note),
        settlements.map((s) => s.deliveryId ?? null),
        settlements.map((s) => (s.delivery ? uuidv7() : null)),
        settlements.map((s) => d(s)?.channel ?? null),
        settlements.map((s) => d(s)?.template ?? null),
        settlements.map((s) => d(s)?.language ?? null),
        settlements.map((s) => d(s)?.status ?? null),
        settlements.map((s) => d(s)?.attempts ?? null),
        settlements.map((s) => d(s)?.lastError ?? null),
        settlements.map((s) => d(s)?.aboutType ?? null),
        settlements.map((s) => d(s)?.aboutId ?? null),
        settlements.map((s) => (s.delivery ? requestDeliveryKey(s.id) : null)),
        now,
      ],
    );
  }

  /** Removes finished requests last changed before `before` (the delivery log keeps what became of them). */
  async purgeDone(before: Date, limit: number): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected].
    const [, removed] = await this.ds.query<[unknown, number]>(
      `DELETE FROM notification_request WHERE id IN (
         SELECT id FROM notification_request WHERE status = 'done' AND updated_at < $1
          LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    );
    return removed;
  }

  async recipients(): Promise<RecipientRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT * FROM notification_recipient ORDER BY group_code, store_id, employee_id`,
    );
    return rows.map((r) => ({
      group: r.group_code as string,
      storeId: (r.store_id as string) || null,
      employeeId: r.employee_id as string,
      updatedBy: r.updated_by as string,
      updatedAt: new Date(r.updated_at as string),
    }));
  }

  /** Replaces who is in `group`, in one transaction. */
  async replaceGroup(
    group: string,
    members: { employeeId: string; storeId?: string }[],
    by: string,
    now: Date,
  ): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.query(`DELETE FROM notification_recipient WHERE group_code = $1`, [group]);
      for (const m of members)
        await em.query(
          `INSERT INTO notification_recipient (group_code, store_id, employee_id, updated_by, updated_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [group, m.storeId ?? '', m.employeeId, by, now],
        );
    });
  }

  /** One page of the delivery log, newest first. */
  async deliveryPage(filter: DeliveryLogFilter): Promise<DeliveryRecord[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT * FROM notification_delivery
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR about_type = $2)
          AND ($3::text IS NULL OR about_id = $3) AND ($4::text IS NULL OR template = $4)
          AND ($5::timestamptz IS NULL OR (created_at, id) < ($5::timestamptz, $6::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $7`,
      [
        filter.status ?? null,
        filter.aboutType ?? null,
        filter.aboutId ?? null,
        filter.template ?? null,
        filter.after?.createdAt ?? null,
        filter.after?.id ?? null,
        filter.limit,
      ],
    );
    return rows.map(toDeliveryRecord);
  }
}
