import { ComplaintChannel } from '@cx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Complaints received in [from, to), narrowed by store, category (with its subcategories), channel,
 * handling department and owner (the owner at resolution).
 */
export interface ComplaintFilter {
  from: Date;
  to: Date;
  storeId: string | null;
  category: string | null;
  channel: ComplaintChannel | null;
  department?: string | null;
  ownerId?: string | null;
}

export type Dimension = 'category' | 'store' | 'channel' | 'product' | 'owner';
export type Bucket = 'day' | 'week' | 'month';

export interface GroupCount {
  key: string | null;
  count: number;
}

export interface GroupCounts {
  groups: GroupCount[];
  /** Complaints in all groups, including those past the limit. */
  total: number;
  /** Number of groups, including those past the limit. */
  groupCount: number;
}

export interface PeriodOverPeriod {
  key: string;
  count: number;
  previousCount: number;
}

/** Counts behind the KPIs; see the SQL of kpiCounts for the exact definitions. */
export interface KpiCounts {
  received: number;
  withdrawn: number;
  resolved: number;
  repeats: number;
  reopened: number;
  firstResponseMet: number;
  firstResponseMissed: number;
  resolutionMet: number;
  resolutionMissed: number;
  surveyed: number;
  satisfied: number;
  firstResponseCount: number;
  firstResponseMeanHours: number | null;
  firstResponseP90Hours: number | null;
  resolutionCount: number;
  resolutionMeanHours: number | null;
  resolutionP90Hours: number | null;
}

export interface OwnerSatisfaction {
  ownerId: string;
  satisfied: number;
  answered: number;
}

/** One complaint of the ledger: no complainant name, contact, hashes or customer id. */
export interface LedgerRow {
  id: string;
  reference: string;
  receivedAt: Date;
  recordedAt: Date;
  channel: string;
  category: string;
  priority: string;
  urgency: string;
  importance: string;
  isMajor: boolean;
  departments: string[];
  department: string | null;
  status: string;
  storeId: string | null;
  orderId: string | null;
  productSku: string | null;
  employeeId: string | null;
  ownerId: string;
  customerTier: string | null;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
  resolutionBreachedAt: Date | null;
  closedAt: Date | null;
  escalationLevel: number;
  isRepeat: boolean;
  repeatOf: string | null;
  mergedInto: string | null;
  reopenCount: number;
  satisfaction: string | null;
  satisfactionAt: Date | null;
  description: string;
  resolutionSummary: string | null;
}

// Whitelisted expressions: a dimension never reaches SQL as text from the request.
const DIMENSION_COLUMN: Record<Dimension, string> = {
  category: 'c.category',
  store: 'c.store_id',
  channel: 'c.channel',
  product: 'c.product_sku',
  owner: 'c.owner_id',
};

/** Positional parameters collected while a statement is written. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The WHERE of every analytics statement. Merged duplicates (the same complaint filed on two
 * channels) count once, as the complaint they were merged into, except in the ledger.
 */
function complaintsIn(f: ComplaintFilter, p: Params, opts: { includeMerged?: boolean } = {}): string {
  const clauses = [`c.received_at >= ${p.add(f.from)}`, `c.received_at < ${p.add(f.to)}`];
  if (!opts.includeMerged) clauses.push('c.merged_into IS NULL');
  if (f.storeId !== null) clauses.push(`c.store_id = ${p.add(f.storeId)}`);
  if (f.channel !== null) clauses.push(`c.channel = ${p.add(f.channel)}`);
  if (f.department) clauses.push(`c.department = ${p.add(f.department)}`);
  // The owner at resolution is credited; an open complaint counts for its current owner.
  if (f.ownerId) clauses.push(`coalesce(c.resolved_owner_id, c.owner_id) = ${p.add(f.ownerId)}`);
  if (f.category !== null) {
    const code = p.add(f.category);
    // A category stands for its subtree: "product quality" includes "zip defects" below it.
    clauses.push(`(c.category = ${code} OR c.category IN (
      WITH RECURSIVE below (code) AS (
        SELECT code FROM complaint_category WHERE parent_code = ${code}
        UNION SELECT k.code FROM complaint_category k JOIN below ON k.parent_code = below.code
      ) SELECT code FROM below))`);
  }
  return clauses.join(' AND ');
}

/**
 * Per complaint, whether each SLA clock was kept, missed, or cannot be judged yet (neither).
 * A breach the sweeper recorded is a miss. An unanswered or unsolved complaint is a miss once its
 * deadline is past as of `asOf`; a withdrawn one only if a breach was recorded. A solution is the
 * complaint being resolved or closed now (a reopened case is open again). A paused solution clock
 * (no due time) is not judged until it runs again.
 */
function slaFlags(asOf: string): string {
  return `
    solved AS (
      SELECT c.*, CASE WHEN c.status IN ('resolved', 'closed') THEN coalesce(c.resolved_at, c.closed_at) END AS solved_at
      FROM scoped c
    ),
    flags AS (
      SELECT s.*,
        (s.first_response_breached_at IS NOT NULL
          OR s.first_responded_at > s.first_response_due_at
          OR (s.first_responded_at IS NULL AND s.status <> 'withdrawn' AND s.first_response_due_at <= ${asOf})) AS fr_missed,
        (s.resolution_breached_at IS NOT NULL
          OR s.solved_at > s.resolution_due_at
          OR (s.solved_at IS NULL AND s.status <> 'withdrawn' AND s.resolution_due_at <= ${asOf})) AS res_missed
      FROM solved s
    )`;
}

export interface CostRow {
  key: string | null;
  currency: string | null;
  amountMinor: number;
  points: number;
  compensations: number;
  complaints: number;
}

/** The only place that reads the complaint tables for analytics: every statement is read-only. */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** What the complaints of the scope cost in compensation, per category or store and currency. */
  async compensationCost(dimension: 'category' | 'store', f: ComplaintFilter): Promise<CostRow[]> {
    const p = new Params();
    const rows: (Omit<CostRow, 'amountMinor'> & { amount_minor: string })[] = await this.dataSource.query(
      `SELECT ${DIMENSION_COLUMN[dimension]} AS key, m.currency,
              coalesce(sum(m.amount_minor), 0)::text AS amount_minor, coalesce(sum(m.points), 0)::int AS points,
              count(*)::int AS compensations, count(DISTINCT c.id)::int AS complaints
         FROM complaint c JOIN complaint_compensation m ON m.complaint_id = c.id
        WHERE ${complaintsIn(f, p)}
        GROUP BY 1, 2
        ORDER BY coalesce(sum(m.amount_minor), 0) DESC, key ASC NULLS LAST, m.currency ASC NULLS LAST`,
      p.values,
    );
    return rows.map(({ amount_minor, ...r }) => ({ ...r, amountMinor: Number(amount_minor) }));
  }

  /** Complaints per value of one dimension, largest first, at most `limit` groups. */
  async countBy(dimension: Dimension, f: ComplaintFilter, limit: number): Promise<GroupCounts> {
    const p = new Params();
    const rows: (GroupCount & { total: number; group_count: number })[] = await this.dataSource.query(
      `SELECT key, count, (sum(count) OVER ())::int AS total, (count(*) OVER ())::int AS group_count
         FROM (SELECT ${DIMENSION_COLUMN[dimension]} AS key, count(*)::int AS count
                 FROM complaint c WHERE ${complaintsIn(f, p)} GROUP BY 1) g
        ORDER BY count DESC, key ASC NULLS LAST
        LIMIT ${p.add(limit)}`,
      p.values,
    );
    return {
      groups: rows.map(({ key, count }) => ({ key, count })),
      total: rows[0]?.total ?? 0,
      groupCount: rows[0]?.group_count ?? 0,
    };
  }

  /**
   * Complaints per day, week (from Monday) or month of the zone's calendar, every bucket of the
   * period present (0 when empty). Keys are the local start dates, YYYY-MM-DD.
   */
  async countByBucket(bucket: Bucket, f: ComplaintFilter, timeZone: string): Promise<GroupCount[]> {
    const p = new Params();
    const where = complaintsIn(f, p);
    const [unit, zone, step, from, to] = [
      p.add(bucket),
      p.add(timeZone),
      p.add(`1 ${bucket}`),
      p.add(f.from),
      p.add(f.to),
    ];
    const local = (instant: string) => `(${instant}::timestamptz AT TIME ZONE ${zone})`;
    return this.dataSource.query(
      `WITH buckets AS (
         SELECT b FROM generate_series(date_trunc(${unit}, ${local(from)}), ${local(to)}, ${step}::interval) AS b
          WHERE b < ${local(to)}
       ), counted AS (
         SELECT date_trunc(${unit}, c.received_at AT TIME ZONE ${zone}) AS b, count(*)::int AS count
           FROM complaint c WHERE ${where} GROUP BY 1
       )
       SELECT to_char(buckets.b, 'YYYY-MM-DD') AS key, coalesce(counted.count, 0)::int AS count
         FROM buckets LEFT JOIN counted USING (b)
        ORDER BY buckets.b`,
      p.values,
    );
  }

  /** The `top` values of a dimension in the period by count, each with its count in `previous`. Null values are left out. */
  async topWithPrevious(
    dimension: Exclude<Dimension, 'channel' | 'owner'>,
    f: ComplaintFilter,
    previous: ComplaintFilter,
    top: number,
  ): Promise<PeriodOverPeriod[]> {
    const p = new Params();
    const column = DIMENSION_COLUMN[dimension];
    const rows: { key: string; count: number; previous_count: number }[] = await this.dataSource.query(
      `WITH cur AS (
         SELECT ${column} AS key, count(*)::int AS count FROM complaint c
          WHERE ${complaintsIn(f, p)} AND ${column} IS NOT NULL GROUP BY 1
       ), prev AS (
         SELECT ${column} AS key, count(*)::int AS count FROM complaint c
          WHERE ${complaintsIn(previous, p)} AND ${column} IS NOT NULL GROUP BY 1
       )
       SELECT cur.key, cur.count, coalesce(prev.count, 0)::int AS previous_count
         FROM cur LEFT JOIN prev USING (key)
        ORDER BY cur.count DESC, cur.key ASC
        LIMIT ${p.add(top)}`,
      p.values,
    );
    return rows.map((r) => ({ key: r.key, count: r.count, previousCount: r.previous_count }));
  }

  /** Everything the KPI document counts, in one pass over the period's complaints. */
  async kpiCounts(f: ComplaintFilter, asOf: Date): Promise<KpiCounts> {
    const p = new Params();
    const where = complaintsIn(f, p);
    const hours = (from: string, to: string) => `(extract(epoch FROM (${to} - ${from}))::float8 / 3600)`;
    const [row]: KpiCounts[] = await this.dataSource.query(
      `WITH scoped AS (SELECT c.* FROM complaint c WHERE ${where}), ${slaFlags(`${p.add(asOf)}::timestamptz`)},
       timed AS (
         SELECT f.*,
           ${hours('f.received_at', 'f.first_responded_at')} AS fr_hours,
           ${hours('f.received_at', 'f.solved_at')} AS res_hours
         FROM flags f
       )
       SELECT
         count(*)::int AS "received",
         count(*) FILTER (WHERE status = 'withdrawn')::int AS "withdrawn",
         count(*) FILTER (WHERE status IN ('resolved', 'closed'))::int AS "resolved",
         count(*) FILTER (WHERE is_repeat)::int AS "repeats",
         count(*) FILTER (WHERE reopen_count > 0)::int AS "reopened",
         count(*) FILTER (WHERE first_responded_at IS NOT NULL AND NOT coalesce(fr_missed, false))::int AS "firstResponseMet",
         count(*) FILTER (WHERE fr_missed)::int AS "firstResponseMissed",
         count(*) FILTER (WHERE solved_at IS NOT NULL AND NOT coalesce(res_missed, false))::int AS "resolutionMet",
         count(*) FILTER (WHERE res_missed)::int AS "resolutionMissed",
         count(*) FILTER (WHERE satisfaction IS NOT NULL)::int AS "surveyed",
         count(*) FILTER (WHERE satisfaction = 'satisfied')::int AS "satisfied",
         count(fr_hours)::int AS "firstResponseCount",
         avg(fr_hours) AS "firstResponseMeanHours",
         percentile_cont(0.9) WITHIN GROUP (ORDER BY fr_hours) AS "firstResponseP90Hours",
         count(res_hours)::int AS "resolutionCount",
         avg(res_hours) AS "resolutionMeanHours",
         percentile_cont(0.9) WITHIN GROUP (ORDER BY res_hours) AS "resolutionP90Hours"
       FROM timed`,
      p.values,
    );
    return row;
  }

  /** Satisfied and answered return-visit surveys per current owner. */
  satisfactionByOwner(f: ComplaintFilter): Promise<OwnerSatisfaction[]> {
    const p = new Params();
    return this.dataSource.query(
      `SELECT c.owner_id AS "ownerId",
              count(*) FILTER (WHERE c.satisfaction = 'satisfied')::int AS "satisfied",
              count(*)::int AS "answered"
         FROM complaint c
        WHERE ${complaintsIn(f, p)} AND c.satisfaction IS NOT NULL
        GROUP BY c.owner_id
        ORDER BY c.owner_id`,
      p.values,
    );
  }

  /** The stores with complaints received in [from, to) (early warning's store scopes). */
  async storesIn(from: Date, to: Date): Promise<string[]> {
    const rows: { storeId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT store_id AS "storeId" FROM complaint
        WHERE received_at >= $1 AND received_at < $2 AND store_id IS NOT NULL ORDER BY 1`,
      [from, to],
    );
    return rows.map((r) => r.storeId);
  }

  /** The active top-level categories: each stands for its subtree (early warning's category scopes). */
  async topCategories(): Promise<string[]> {
    const rows: { code: string }[] = await this.dataSource.query(
      `SELECT code FROM complaint_category WHERE parent_code IS NULL AND active ORDER BY code`,
    );
    return rows.map((r) => r.code);
  }

  /** Orders recorded in [from, to), of one store when given: the complaint rate's denominator. */
  async ordersIn(from: Date, to: Date, storeId: string | null): Promise<number> {
    const [row]: { orders: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS orders FROM recorded_order
        WHERE purchased_at >= $1 AND purchased_at < $2 AND ($3::text IS NULL OR store_id = $3)`,
      [from, to, storeId],
    );
    return row.orders;
  }

  /**
   * The ledger in received order, `batchSize` rows at a time (keyset paging: memory stays flat
   * whatever the period holds, and no transaction is held open while a slow client downloads).
   */
  async *ledger(f: ComplaintFilter, batchSize: number): AsyncGenerator<LedgerRow[]> {
    // The position is kept as Postgres wrote it: a JS Date would drop the microseconds and repeat rows.
    let after: { receivedAt: string; id: string } | null = null;
    for (;;) {
      const p = new Params();
      const where = complaintsIn(f, p, { includeMerged: true });
      const keyset: string = after
        ? `AND (c.received_at, c.id) > (${p.add(after.receivedAt)}::timestamptz, ${p.add(after.id)}::uuid)`
        : '';
      const rows: (LedgerRow & { position: string })[] = await this.dataSource.query(
        `SELECT c.received_at::text AS position, c.id, c.reference, c.received_at AS "receivedAt", c.recorded_at AS "recordedAt", c.channel, c.category,
                c.priority, c.urgency, c.importance, c.is_major AS "isMajor", c.departments, c.department, c.status,
                c.store_id AS "storeId", c.order_id AS "orderId", c.product_sku AS "productSku", c.employee_id AS "employeeId",
                c.owner_id AS "ownerId", c.customer_tier AS "customerTier",
                c.first_response_due_at AS "firstResponseDueAt", c.first_responded_at AS "firstRespondedAt",
                c.first_response_breached_at AS "firstResponseBreachedAt", c.resolution_due_at AS "resolutionDueAt",
                c.resolved_at AS "resolvedAt", c.resolution_breached_at AS "resolutionBreachedAt", c.closed_at AS "closedAt",
                c.escalation_level AS "escalationLevel", c.is_repeat AS "isRepeat", r.reference AS "repeatOf",
                m.reference AS "mergedInto", c.reopen_count AS "reopenCount", c.satisfaction,
                c.satisfaction_at AS "satisfactionAt", c.description, c.resolution_summary AS "resolutionSummary"
           FROM complaint c
           LEFT JOIN complaint r ON r.id = c.repeat_of
           LEFT JOIN complaint m ON m.id = c.merged_into
          WHERE ${where} ${keyset}
          ORDER BY c.received_at, c.id
          LIMIT ${p.add(batchSize)}`,
        p.values,
      );
      if (rows.length > 0) yield rows.map(({ position: _position, ...row }) => row);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      after = { receivedAt: last.position, id: last.id };
    }
  }
}
