import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerSums, RepurchaseFigures } from './kpis';
import type { Span } from './period';

export interface TierChangeDay {
  /** Local date in the zone asked for, YYYY-MM-DD. */
  day: string;
  fromTier: string | null;
  toTier: string;
  reason: string;
  changes: number;
}

export interface Liability {
  available: number;
  pending: number;
  debt: number;
  customers: number;
}

/** Buyers and repeat buyers per span ($1 starts, $2 ends): one range on purchased_at per span (its index). */
export const REPURCHASE_SQL = `SELECT b.i, count(x.customer_id)::int AS buyers, count(x.customer_id) FILTER (WHERE x.n >= 2)::int AS repeaters
   FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS b(lo, hi, i)
   LEFT JOIN LATERAL (
     SELECT p.customer_id, count(*) AS n FROM loyalty_purchase p
      WHERE p.purchased_at >= b.lo AND p.purchased_at < b.hi AND p.paid_amount_minor > p.refunded_minor
      GROUP BY p.customer_id
   ) x ON true
  GROUP BY b.i
  ORDER BY b.i`;

/**
 * Read-only figures for the CRM lead: profiles and current tiers, tier changes (the timeline's record
 * of crm's tier-changed events), purchases net of refunds and the points ledger as loyalty keeps them.
 * Counts and sums only: nothing here reads a personal field.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Active profiles per current tier; a profile without a tier is `standard`. */
  async membersPerTier(): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ tier: string; n: number }[]>(
      `SELECT coalesce(t.tier, 'standard') AS tier, count(*)::int AS n
         FROM customer c LEFT JOIN customer_tier t ON t.customer_id = c.id
        WHERE c.status = 'active'
        GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.tier, r.n]));
  }

  /** Tier changes in the span, counted per local day, from, to and reason. */
  async tierChangesPerDay(span: Span, timeZone: string): Promise<TierChangeDay[]> {
    const rows = await this.dataSource.query<
      { day: string; from_tier: string | null; to_tier: string; reason: string; n: number }[]
    >(
      `SELECT to_char(occurred_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day,
              summary->>'fromTier' AS from_tier, summary->>'toTier' AS to_tier, summary->>'reason' AS reason,
              count(*)::int AS n
         FROM timeline_entry
        WHERE kind = 'tier-changed' AND occurred_at >= $1 AND occurred_at < $2
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4`,
      [span.from, span.to, timeZone],
    );
    return rows.map((r) => ({
      day: r.day,
      fromTier: r.from_tier,
      toTier: r.to_tier,
      reason: r.reason,
      changes: r.n,
    }));
  }

  /** Buyers and repeat buyers in each span (purchases not fully refunded), in the order given. */
  async repurchase(spans: readonly Span[]): Promise<RepurchaseFigures[]> {
    const rows = await this.dataSource.query<{ i: string; buyers: number; repeaters: number }[]>(
      REPURCHASE_SQL,
      [spans.map((s) => s.from), spans.map((s) => s.to)],
    );
    return rows.map((r) => ({ buyers: r.buyers, repeaters: r.repeaters }));
  }

  /** The points ledger's movements in the span, summed per kind. */
  async ledgerSums(span: Span): Promise<LedgerSums[]> {
    const rows = await this.dataSource.query<
      { kind: string; pending: string; available: string; debt: string }[]
    >(
      `SELECT kind, sum(pending_delta) AS pending, sum(available_delta) AS available, sum(debt_delta) AS debt
         FROM points_entry WHERE at >= $1 AND at < $2 GROUP BY kind ORDER BY kind`,
      [span.from, span.to],
    );
    return rows.map((r) => ({
      kind: r.kind,
      pending: Number(r.pending),
      available: Number(r.available),
      debt: Number(r.debt),
    }));
  }

  /** What the customers hold now: the points crm owes. */
  async liability(): Promise<Liability> {
    const [row] = await this.dataSource.query<
      { available: string | null; pending: string | null; debt: string | null; customers: number }[]
    >(
      `SELECT sum(available) AS available, sum(pending) AS pending, sum(debt) AS debt,
              count(*) FILTER (WHERE available > 0 OR pending > 0)::int AS customers
         FROM points_balance`,
    );
    return {
      available: Number(row.available ?? 0),
      pending: Number(row.pending ?? 0),
      debt: Number(row.debt ?? 0),
      customers: row.customers,
    };
  }
}
