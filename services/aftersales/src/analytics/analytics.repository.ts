import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SurveyAnswerEntity, SurveyAnswerKind } from './survey-answer.entity';

export interface Scope {
  from: Date;
  to: Date;
  storeId?: string;
}

export interface Count {
  key: string;
  count: number;
}

/** The analytics' reads: aggregates over returns and repairs requested in a period. */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private params(s: Scope): unknown[] {
    return [s.from, s.to, s.storeId ?? null];
  }

  async returnTotals(
    s: Scope,
  ): Promise<{ requested: number; resolved: number; answeredIn24h: number; refundedMinor: number }> {
    const [row] = await this.dataSource.query<Record<string, string>[]>(
      `SELECT count(*) AS requested,
              count(*) FILTER (WHERE r.status IN ('completed', 'rejected')) AS resolved,
              count(*) FILTER (WHERE first.at <= r.requested_at + interval '24 hours') AS answered,
              coalesce(sum(r.refund_amount_minor), 0) AS refunded
         FROM return_request r
         LEFT JOIN LATERAL (SELECT min(s.at) AS at FROM return_step s WHERE s.return_id = r.id AND s.status <> 'requested') first ON true
        WHERE r.requested_at >= $1 AND r.requested_at < $2 AND ($3::text IS NULL OR r.store_id = $3)`,
      this.params(s),
    );
    return {
      requested: Number(row.requested),
      resolved: Number(row.resolved),
      answeredIn24h: Number(row.answered),
      refundedMinor: Number(row.refunded),
    };
  }

  /** Returns grouped by reason, category or store. */
  async returnsBy(s: Scope, column: 'reason' | 'category' | 'store_id'): Promise<Count[]> {
    const rows = await this.dataSource.query<{ key: string; n: string }[]>(
      `SELECT ${column} AS key, count(*) AS n FROM return_request
        WHERE requested_at >= $1 AND requested_at < $2 AND ($3::text IS NULL OR store_id = $3)
        GROUP BY ${column} ORDER BY count(*) DESC, ${column}`,
      this.params(s),
    );
    return rows.map((r) => ({ key: r.key, count: Number(r.n) }));
  }

  async repairTotals(s: Scope): Promise<{
    requested: number;
    completed: number;
    turnaroundHours: number | null;
    confirmed: number;
    satisfied: number;
    warrantyCostMinor: number;
  }> {
    // Warranty cost: what the free repairs would have cost at list prices (labour + parts).
    const [row] = await this.dataSource.query<Record<string, string | null>[]>(
      `SELECT count(*) AS requested,
              count(*) FILTER (WHERE o.status = 'completed') AS completed,
              avg(extract(epoch FROM o.completed_at - o.created_at) / 3600) FILTER (WHERE o.completed_at IS NOT NULL) AS turnaround,
              count(*) FILTER (WHERE o.satisfied IS NOT NULL) AS confirmed,
              count(*) FILTER (WHERE o.satisfied) AS satisfied,
              coalesce(sum(CASE WHEN o.quality_fault AND o.under_warranty
                THEN coalesce(svc.labour_minor, 0) + (SELECT coalesce(sum((p->>'quantity')::bigint * (p->>'unitPriceMinor')::bigint), 0)
                                                       FROM jsonb_array_elements(o.parts) p)
                ELSE 0 END), 0) AS warranty_cost
         FROM repair_order o LEFT JOIN repair_service svc ON svc.code = o.service_code
        WHERE o.created_at >= $1 AND o.created_at < $2 AND ($3::text IS NULL OR o.store_id = $3)`,
      this.params(s),
    );
    return {
      requested: Number(row.requested),
      completed: Number(row.completed),
      turnaroundHours: row.turnaround === null ? null : Math.round(Number(row.turnaround) * 10) / 10,
      confirmed: Number(row.confirmed),
      satisfied: Number(row.satisfied),
      warrantyCostMinor: Number(row.warranty_cost),
    };
  }

  /**
   * A survey answer about a repair, once (a redelivery inserts nothing). Without a store in the answer,
   * the repair's store is taken.
   */
  async recordSurveyAnswer(em: EntityManager, a: SurveyAnswerEntity): Promise<void> {
    await em.query(
      `INSERT INTO survey_answer (response_id, kind, subject_id, store_id, satisfied, submitted_at)
       VALUES ($1, $2, $3, coalesce($4, CASE $2
           WHEN 'repair' THEN (SELECT store_id FROM repair_order WHERE id::text = $3)
           ELSE (SELECT store_id FROM purchase WHERE order_id = $3) END), $5, $6)
       ON CONFLICT (response_id) DO NOTHING`,
      [a.responseId, a.kind, a.subjectId, a.storeId, a.satisfied, a.submittedAt],
    );
  }

  /** Survey answers about repairs and returns submitted in the period: how many, and how many satisfied, by kind. */
  async surveyTotals(s: Scope): Promise<Record<SurveyAnswerKind, { answered: number; satisfied: number }>> {
    const rows = await this.dataSource.query<
      { kind: SurveyAnswerKind; answered: string; satisfied: string }[]
    >(
      `SELECT kind, count(*) AS answered, count(*) FILTER (WHERE satisfied) AS satisfied FROM survey_answer
        WHERE submitted_at >= $1 AND submitted_at < $2 AND ($3::text IS NULL OR store_id = $3)
        GROUP BY kind`,
      this.params(s),
    );
    const totals = { repair: { answered: 0, satisfied: 0 }, return: { answered: 0, satisfied: 0 } };
    for (const r of rows) totals[r.kind] = { answered: Number(r.answered), satisfied: Number(r.satisfied) };
    return totals;
  }

  async technicianLoad(s: Scope): Promise<Count[]> {
    const rows = await this.dataSource.query<{ key: string; n: string }[]>(
      `SELECT technician_id AS key, count(*) AS n FROM repair_order
        WHERE technician_id IS NOT NULL AND created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR store_id = $3)
        GROUP BY technician_id ORDER BY count(*) DESC, technician_id`,
      this.params(s),
    );
    return rows.map((r) => ({ key: r.key, count: Number(r.n) }));
  }

  /** The period's returns for the CSV export (no personal data: ids, codes, amounts, steps). */
  returnsLedger(s: Scope): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT id, requested_at, store_id, order_id, line_id, kind, reason, quality, category, sku, quantity,
              eligible, status, owner_id, due_at, refund_amount_minor, currency, completed_at
         FROM return_request
        WHERE requested_at >= $1 AND requested_at < $2 AND ($3::text IS NULL OR store_id = $3)
        ORDER BY requested_at, id`,
      this.params(s),
    );
  }
}
