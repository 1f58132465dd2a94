import { EventContext, Statement } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Metric, ScorecardPolicy } from './scorecard.rules';

export type FactKind = 'response' | 'audit' | 'complaint' | 'resolution' | 'breach' | 'attempt' | 'sale';
export type Scope = 'employee' | 'store';

export interface FactRow {
  id: string;
  scope: Scope;
  subjectId: string;
  storeId: string | null;
  month: string;
  kind: FactKind;
  value: number | null;
  ok: boolean | null;
  occurredAt: Date;
  sourceId: string;
  customerId: string | null;
}

/** A resolution's hours and "within SLA" read from its complaint's copy in the statement that files it. */
export interface ResolutionOf {
  complaintId: string;
  resolvedAt: Date;
}

/** Where statements go: a transaction (run now), or an event's context (run now when it has one, else queued). */
export type WriteTarget = EntityManager | EventContext;

/** A month's facts of one subject, summed up (the same aggregation the bench's plain-SQL floor runs). */
export interface Aggregate {
  scope: Scope;
  subjectId: string;
  /** The subject's store of the month (an employee's most frequent one). */
  storeId: string | null;
  responses: number;
  satisfied: number;
  audits: number;
  auditAvg: number | null;
  complaints: number;
  resolved: number;
  resolvedInSla: number;
  resolutionHours: number | null;
  breaches: number;
  attempts: number;
  attemptAvg: number | null;
  /** Purchases credited (the seller's, or all of the store's) and their paid amount in minor units. */
  sales: number;
  salesAmountMinor: number;
}

export interface CardRow {
  month: string;
  scope: Scope;
  subjectId: string;
  storeId: string | null;
  figures: Record<string, unknown>;
  score: number | null;
  clearsMinimums: boolean;
  rankInStore: number | null;
  rankOverall: number | null;
}

export interface MonthRow {
  month: string;
  status: 'open' | 'closed';
  recomputedSeq: string;
  recomputedAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
}

export interface ComplaintCopy {
  complaintId: string;
  employeeId: string | null;
  storeId: string | null;
  receivedAt: Date;
  resolutionDueAt: Date;
  resolutionBreached: boolean;
}

const AGGREGATE_SQL = `
  SELECT scope, subject_id AS "subjectId", mode() WITHIN GROUP (ORDER BY store_id) AS "storeId",
    count(*) FILTER (WHERE kind = 'response')::int AS responses,
    coalesce(sum(value) FILTER (WHERE kind = 'response'), 0)::int AS satisfied,
    count(*) FILTER (WHERE kind = 'audit')::int AS audits,
    avg(value) FILTER (WHERE kind = 'audit') AS "auditAvg",
    count(*) FILTER (WHERE kind = 'complaint')::int AS complaints,
    count(*) FILTER (WHERE kind = 'resolution')::int AS resolved,
    count(*) FILTER (WHERE kind = 'resolution' AND ok)::int AS "resolvedInSla",
    avg(value) FILTER (WHERE kind = 'resolution') AS "resolutionHours",
    count(*) FILTER (WHERE kind = 'breach')::int AS breaches,
    count(*) FILTER (WHERE kind = 'attempt')::int AS attempts,
    avg(value) FILTER (WHERE kind = 'attempt') AS "attemptAvg",
    count(*) FILTER (WHERE kind = 'sale')::int AS sales,
    coalesce(sum(value) FILTER (WHERE kind = 'sale'), 0) AS "salesAmountMinor"
  FROM scorecard_fact WHERE month = $1 AND NOT after_close
  GROUP BY scope, subject_id`;

/** The only place that touches the scorecard tables. */
@Injectable()
export class ScorecardRepository {
  constructor(private readonly dataSource: DataSource) {}

  static readonly AGGREGATE_SQL = AGGREGATE_SQL;

  /**
   * Statements that file one event's facts in `month`. The month's row is held FOR SHARE by the insert
   * itself until the caller commits (ADR 0017): facts of many handlers go in side by side, while closing
   * or recomputing the month (FOR UPDATE) waits for them, and they for it; `after_close` is read under
   * that lock. No read comes first, so a write-only handler can queue them (ADR 0026). `ensureMonth`
   * creates the month's row first; without a row the month cannot be closed, so its facts are not late.
   * With `resolution`, value and ok come from the complaint's copy: hours from receipt, and whether it
   * was resolved by its deadline without a breach (no copy: no hours, not within SLA).
   */
  factStatements(
    month: string,
    rows: FactRow[],
    opts: { ensureMonth: boolean; resolution?: ResolutionOf },
  ): Statement[] {
    if (rows.length === 0) return [];
    const out: Statement[] = [];
    if (opts.ensureMonth)
      out.push({
        sql: `INSERT INTO scorecard_month (month, status) VALUES ($1, 'open') ON CONFLICT DO NOTHING`,
        params: [month],
      });
    const params: unknown[] = [month];
    const p = (v: unknown) => `$${params.push(v)}`;
    let value = (r: FactRow) => p(r.value);
    let ok = (r: FactRow) => p(r.ok);
    let copy = '';
    if (opts.resolution) {
      copy = `, c AS (SELECT received_at, resolution_due_at, resolution_breached FROM complaint_copy WHERE complaint_id = ${p(opts.resolution.complaintId)})`;
      const at = `${p(opts.resolution.resolvedAt)}::timestamptz`;
      value = () => `(SELECT extract(epoch FROM ${at} - received_at) / 3600 FROM c)`;
      ok = () => `coalesce((SELECT NOT resolution_breached AND ${at} <= resolution_due_at FROM c), false)`;
    }
    const values = rows.map(
      (r) =>
        `(${p(r.id)}, ${p(r.scope)}, ${p(r.subjectId)}, ${p(r.storeId)}, $1, ${p(r.kind)}, ${value(r)}, ${ok(r)}, ` +
        `${p(r.occurredAt)}, ${p(r.sourceId)}, ${p(r.customerId)}, coalesce((SELECT closed FROM m), false))`,
    );
    out.push({
      sql: `WITH m AS (SELECT status = 'closed' AS closed FROM scorecard_month WHERE month = $1 FOR SHARE)${copy}
        INSERT INTO scorecard_fact (id, scope, subject_id, store_id, month, kind, value, ok, occurred_at, source_id, customer_id, after_close)
        VALUES ${values.join(', ')}`,
      params,
    });
    return out;
  }

  /**
   * Runs statements in order: now, in the transaction of `to` (an EntityManager, or an event's context
   * that has one), so what follows in it sees them; or queued with `ctx.write()` on the write-only path,
   * for the batch's one query (ADR 0010).
   */
  async run(to: WriteTarget, statements: Statement[]): Promise<void> {
    const em = to instanceof EventContext ? to.openTransaction : to;
    if (em) for (const s of statements) await em.query(s.sql, s.params as unknown[] | undefined);
    else for (const s of statements) (to as EventContext).write(s.sql, s.params);
  }

  /** The month's row locked FOR UPDATE (created open if new); null when another replica holds it and `skipLocked`. */
  async lockMonth(em: EntityManager, month: string, skipLocked = false): Promise<MonthRow | null> {
    await em.query(`INSERT INTO scorecard_month (month, status) VALUES ($1, 'open') ON CONFLICT DO NOTHING`, [
      month,
    ]);
    const [row] = await em.query<MonthRow[]>(
      `SELECT month, status, recomputed_seq AS "recomputedSeq", recomputed_at AS "recomputedAt",
              closed_at AS "closedAt", closed_by AS "closedBy"
         FROM scorecard_month WHERE month = $1 FOR UPDATE ${skipLocked ? 'SKIP LOCKED' : ''}`,
      [month],
    );
    return row ?? null;
  }

  async findMonth(month: string): Promise<(MonthRow & { stale: boolean; lateFacts: number }) | null> {
    const [row] = await this.dataSource.query<(MonthRow & { stale: boolean; lateFacts: number })[]>(
      `SELECT month, status, recomputed_seq AS "recomputedSeq", recomputed_at AS "recomputedAt",
              closed_at AS "closedAt", closed_by AS "closedBy",
              (m.status = 'open' AND m.policy_stale)
                OR EXISTS (SELECT 1 FROM scorecard_fact f WHERE f.month = m.month AND f.seq > m.recomputed_seq
                             AND NOT f.after_close) AS stale,
              (SELECT count(*) FROM scorecard_fact f WHERE f.month = m.month AND f.after_close)::int AS "lateFacts"
         FROM scorecard_month m WHERE month = $1`,
      [month],
    );
    return row ?? null;
  }

  /** Open months with facts newer than their scorecards, or computed with an earlier policy, oldest first. */
  async staleMonths(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ month: string }[]>(
      `SELECT m.month FROM scorecard_month m
        WHERE m.status = 'open'
          AND (m.policy_stale
               OR EXISTS (SELECT 1 FROM scorecard_fact f WHERE f.month = m.month AND f.seq > m.recomputed_seq))
        ORDER BY m.month LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.month);
  }

  async maxSeq(em: EntityManager, month: string): Promise<string> {
    const [row] = await em.query<{ seq: string }[]>(
      `SELECT coalesce(max(seq), 0)::text AS seq FROM scorecard_fact WHERE month = $1`,
      [month],
    );
    return row.seq;
  }

  aggregate(em: EntityManager, month: string): Promise<Aggregate[]> {
    return em.query<Aggregate[]>(AGGREGATE_SQL, [month]);
  }

  /** The month's scorecards replaced by `cards`, in two statements. */
  async replaceCards(em: EntityManager, month: string, cards: CardRow[]): Promise<void> {
    await em.query(`DELETE FROM scorecard WHERE month = $1`, [month]);
    if (cards.length === 0) return;
    await em.query(
      `INSERT INTO scorecard (month, scope, subject_id, store_id, figures, score, clears_minimums, rank_in_store, rank_overall)
       SELECT $1, c.scope, c.subject_id, c.store_id, c.figures, c.score, c.clears_minimums, c.rank_in_store, c.rank_overall
         FROM jsonb_to_recordset($2::jsonb) AS c(scope text, subject_id text, store_id text, figures jsonb,
              score double precision, clears_minimums boolean, rank_in_store int, rank_overall int)`,
      [
        month,
        JSON.stringify(
          cards.map((c) => ({
            scope: c.scope,
            subject_id: c.subjectId,
            store_id: c.storeId,
            figures: c.figures,
            score: c.score,
            clears_minimums: c.clearsMinimums,
            rank_in_store: c.rankInStore,
            rank_overall: c.rankOverall,
          })),
        ),
      ],
    );
  }

  async markRecomputed(em: EntityManager, month: string, seq: string, at: Date): Promise<void> {
    await em.query(
      `UPDATE scorecard_month SET recomputed_seq = $2, recomputed_at = $3, policy_stale = false WHERE month = $1`,
      [month, seq, at],
    );
  }

  async close(em: EntityManager, month: string, at: Date, by: string): Promise<void> {
    await em.query(
      `UPDATE scorecard_month SET status = 'closed', closed_at = $2, closed_by = $3 WHERE month = $1`,
      [month, at, by],
    );
  }

  async insertAwards(
    em: EntityManager,
    month: string,
    awards: { employeeId: string; storeId: string | null; rank: number; score: number }[],
    at: Date,
  ): Promise<void> {
    for (const a of awards)
      await em.query(
        `INSERT INTO award (month, employee_id, store_id, rank, score, awarded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [month, a.employeeId, a.storeId, a.rank, a.score, at],
      );
  }

  cards(month: string, scope: Scope, storeId?: string): Promise<CardRow[]> {
    return this.dataSource.query<CardRow[]>(
      `SELECT month, scope, subject_id AS "subjectId", store_id AS "storeId", figures, score,
              clears_minimums AS "clearsMinimums", rank_in_store AS "rankInStore", rank_overall AS "rankOverall"
         FROM scorecard WHERE month = $1 AND scope = $2 AND ($3::text IS NULL OR store_id = $3)
        ORDER BY rank_overall NULLS LAST, subject_id`,
      [month, scope, storeId ?? null],
    );
  }

  awards(
    from: string,
    to: string,
  ): Promise<{ month: string; employeeId: string; storeId: string | null; rank: number; score: number }[]> {
    return this.dataSource.query(
      `SELECT month, employee_id AS "employeeId", store_id AS "storeId", rank, score
         FROM award WHERE month >= $1 AND month <= $2 ORDER BY month, rank, employee_id`,
      [from, to],
    );
  }

  async policy(em?: EntityManager): Promise<ScorecardPolicy & { updatedAt: Date | null }> {
    const [row] = await (em ?? this.dataSource.manager).query<
      {
        weights: Record<Metric, number>;
        min_samples: Record<Metric, number>;
        star_count: number;
        updated_at: Date | null;
      }[]
    >(`SELECT weights, min_samples, star_count, updated_at FROM scorecard_policy WHERE id = 1`);
    return {
      weights: row.weights,
      minSamples: row.min_samples,
      starCount: row.star_count,
      updatedAt: row.updated_at,
    };
  }

  /** The new policy, and every open month marked stale so the recompute job applies it (closed months keep theirs). */
  async savePolicy(em: EntityManager, p: ScorecardPolicy, at: Date, by: string): Promise<void> {
    await em.query(
      `UPDATE scorecard_policy SET weights = $1, min_samples = $2, star_count = $3, updated_at = $4, updated_by = $5 WHERE id = 1`,
      [JSON.stringify(p.weights), JSON.stringify(p.minSamples), p.starCount, at, by],
    );
    await em.query(`UPDATE scorecard_month SET policy_stale = true WHERE status = 'open'`);
  }

  async saveStaffSatisfaction(
    month: string,
    storeId: string,
    pct: number,
    respondents: number,
    at: Date,
    by: string,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO staff_satisfaction (month, store_id, satisfied_pct, respondents, recorded_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (month, store_id) DO UPDATE SET satisfied_pct = $3, respondents = $4, recorded_at = $5, recorded_by = $6`,
      [month, storeId, pct, respondents, at, by],
    );
  }

  async staffSatisfaction(
    em: EntityManager,
    month: string,
  ): Promise<Map<string, { pct: number; respondents: number }>> {
    const rows = await em.query<{ store_id: string; satisfied_pct: number; respondents: number }[]>(
      `SELECT store_id, satisfied_pct, respondents FROM staff_satisfaction WHERE month = $1`,
      [month],
    );
    return new Map(rows.map((r) => [r.store_id, { pct: r.satisfied_pct, respondents: r.respondents }]));
  }

  /** The copy of a new complaint, kept for its resolution (a redelivery changes nothing). */
  complaintCopyStatement(c: ComplaintCopy & { customerId: string | null }): Statement {
    return {
      sql: `INSERT INTO complaint_copy (complaint_id, employee_id, store_id, received_at, resolution_due_at, customer_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (complaint_id) DO NOTHING`,
      params: [c.complaintId, c.employeeId, c.storeId, c.receivedAt, c.resolutionDueAt, c.customerId],
    };
  }

  /** The store of a complaint's copy; null without a copy or a store. */
  async storeOfComplaint(em: EntityManager, complaintId: string): Promise<string | null> {
    const [row] = await em.query<{ storeId: string | null }[]>(
      `SELECT store_id AS "storeId" FROM complaint_copy WHERE complaint_id = $1`,
      [complaintId],
    );
    return row?.storeId ?? null;
  }

  resolutionBreachedStatement(complaintId: string): Statement {
    return {
      sql: `UPDATE complaint_copy SET resolution_breached = true WHERE complaint_id = $1`,
      params: [complaintId],
    };
  }

  /** Breaches of one employee in a month so far (for remedial training on repeated breaches). */
  async breachesOf(em: EntityManager, employeeId: string, month: string): Promise<number> {
    const [row] = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM scorecard_fact
        WHERE scope = 'employee' AND subject_id = $1 AND month = $2 AND kind = 'breach'`,
      [employeeId, month],
    );
    return row.n;
  }

  /** Customer references copied from events scrubbed (crm erased the customer). */
  async eraseCustomer(em: EntityManager, customerId: string): Promise<void> {
    await em.query(`UPDATE scorecard_fact SET customer_id = NULL WHERE customer_id = $1`, [customerId]);
    await em.query(`UPDATE complaint_copy SET customer_id = NULL WHERE customer_id = $1`, [customerId]);
  }
}
