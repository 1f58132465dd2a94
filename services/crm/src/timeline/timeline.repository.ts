import { uuidv7 } from '@cx/contracts';
import { EventContext } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TimelineEntryEntity } from './timeline.entity';
import { TIMELINE_POINTS_MOVEMENTS } from './timeline.rules';
import type { TimelineFact, TimelineKind, TimelineSource, TimelineSummary } from './timeline.rules';

export interface TimelinePosition {
  occurredAt: string;
  id: string;
}

const INSERT_ENTRY = `INSERT INTO timeline_entry (id, customer_id, kind, occurred_at, source, reference_id, summary, recorded_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
   ON CONFLICT (kind, reference_id) DO NOTHING`;

const entryParams = (fact: TimelineFact, recordedAt: Date): unknown[] => [
  uuidv7(),
  fact.customerId,
  fact.kind,
  fact.occurredAt,
  fact.source,
  fact.referenceId,
  JSON.stringify(fact.summary),
  recordedAt,
];

/** The only file that touches TypeORM for the timeline. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds the fact in the caller's transaction; a fact already there (same kind and reference) is left as it is. */
  async record(em: EntityManager, fact: TimelineFact, recordedAt: Date): Promise<void> {
    await em.query(INSERT_ENTRY, entryParams(fact, recordedAt));
  }

  /** The same, queued for a write-only handler's message (ADR 10): applied with its lane's batch. */
  queue(ctx: EventContext, fact: TimelineFact, recordedAt: Date): void {
    ctx.write(INSERT_ENTRY, entryParams(fact, recordedAt));
  }

  /**
   * Newest first by (occurred_at, id), strictly after `after` in that order, with the customer's
   * purchases and points movements read from crm's own tables, not copied (ADR 21). A record merged
   * into this one (at any depth) keeps its own entries, shown here too: both histories, one timeline.
   */
  async listForCustomer(
    customerId: string,
    kind: TimelineKind | undefined,
    after: TimelinePosition | undefined,
    limit: number,
  ): Promise<TimelineEntryEntity[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        customer_id: string;
        kind: TimelineKind;
        occurred_at: Date;
        source: TimelineSource;
        reference_id: string;
        summary: TimelineSummary;
        recorded_at: Date;
      }[]
    >(
      `WITH RECURSIVE ids (id) AS (
         SELECT $1::uuid
         UNION SELECT c.id FROM customer c JOIN ids ON c.merged_into_id = ids.id
       ),
       entries AS (
         SELECT t.id, t.customer_id, t.kind, t.occurred_at, t.source, t.reference_id, t.summary, t.recorded_at
           FROM timeline_entry t WHERE t.customer_id IN (SELECT id FROM ids)
         UNION ALL
         SELECT p.id, p.customer_id, 'purchase', p.purchased_at, 'crm', p.id::text,
                jsonb_build_object('orderId', p.order_id, 'storeId', p.store_id, 'channel', p.channel,
                                   'paidAmountMinor', p.paid_amount_minor, 'currency', p.currency,
                                   'lines', (SELECT count(*)::int FROM purchase_line l WHERE l.purchase_id = p.id)),
                p.recorded_at
           FROM purchase p
          WHERE p.customer_id IN (SELECT id FROM ids) AND ($2::text IS NULL OR $2 = 'purchase')
         UNION ALL
         SELECT p.id, p.customer_id, 'points', p.at, 'crm', coalesce(p.reference, p.purchase_id::text, p.id::text),
                jsonb_build_object('movement', p.kind, 'pending', p.pending_delta, 'available', p.available_delta,
                                   'debt', p.debt_delta),
                p.at
           FROM points_entry p
          WHERE p.customer_id IN (SELECT id FROM ids) AND p.kind = ANY($6::text[])
       )
       SELECT * FROM entries
        WHERE ($2::text IS NULL OR kind = $2)
          AND ($3::timestamptz IS NULL OR (occurred_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY occurred_at DESC, id DESC
        LIMIT $5`,
      [
        customerId,
        kind ?? null,
        after ? new Date(after.occurredAt) : null,
        after?.id ?? null,
        limit,
        TIMELINE_POINTS_MOVEMENTS,
      ],
    );
    return rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      kind: r.kind,
      occurredAt: r.occurred_at,
      source: r.source,
      referenceId: r.reference_id,
      summary: r.summary,
      recordedAt: r.recorded_at,
    }));
  }
}
