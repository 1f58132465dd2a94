import { Envelope, uuidv7 } from '@cx/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { DeliveryStatus } from './delivery.rules';
import type { NotificationIntent } from './notification-rules';
import { DeliveryRecord, toDeliveryRecord } from './notifier';
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

  /** Claims up to `limit` due requests (SKIP LOCKED: replicas share them); a claim older than `staleMs` is a crashed sender's. */
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
       SELECT * FROM claimed ORDER BY due_at, id`,
      [now, new Date(now.getTime() - staleMs), limit],
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
    }));
  }

  /** Done: the outcome kept, the params (texts meant for one person) dropped. */
  async finish(
    id: string,
    outcome: RequestOutcome,
    deliveryId: string | null,
    note: string | null,
    now: Date,
  ) {
    await this.ds.query(
      `UPDATE notification_request
          SET status = 'done', outcome = $2, delivery_id = $3, note = $4, params = NULL,
              claimed_at = NULL, rounds = rounds + 1, updated_at = $5
        WHERE id = $1`,
      [id, outcome, deliveryId, note, now],
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

  /** Tried again at `dueAt` (crm or training unreachable, or every try of a round failed). */
  async reschedule(id: string, dueAt: Date, deliveryId: string | null, note: string, now: Date) {
    await this.ds.query(
      `UPDATE notification_request
          SET due_at = $2, delivery_id = COALESCE($3, delivery_id), note = $4, claimed_at = NULL,
              rounds = rounds + 1, updated_at = $5
        WHERE id = $1`,
      [id, dueAt, deliveryId, note, now],
    );
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
