import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RepurchaseFigures } from '../analytics/kpis';
import type { Span } from '../analytics/period';

/**
 * Buyers and repeat buyers per span as the CRM lead's repurchase figure counts them (purchases not
 * fully refunded, analytics.repository REPURCHASE_SQL), narrowed to purchases made at one store.
 */
const REPURCHASE_AT_STORE_SQL = `SELECT b.i, count(x.customer_id)::int AS buyers, count(x.customer_id) FILTER (WHERE x.n >= 2)::int AS repeaters
   FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS b(lo, hi, i)
   LEFT JOIN LATERAL (
     SELECT p.customer_id, count(*) AS n FROM loyalty_purchase p JOIN purchase o ON o.id = p.purchase_id
      WHERE p.purchased_at >= b.lo AND p.purchased_at < b.hi AND p.paid_amount_minor > p.refunded_minor
        AND o.store_id = $3
      GROUP BY p.customer_id
   ) x ON true
  GROUP BY b.i
  ORDER BY b.i`;

/** Read-only: the one query the scorecard needs beyond the lead's analytics. */
@Injectable()
export class ScorecardRepository {
  constructor(private readonly dataSource: DataSource) {}

  async repurchaseAtStore(spans: readonly Span[], storeId: string): Promise<RepurchaseFigures[]> {
    const rows = await this.dataSource.query<{ buyers: number; repeaters: number }[]>(
      REPURCHASE_AT_STORE_SQL,
      [spans.map((s) => s.from), spans.map((s) => s.to), storeId],
    );
    return rows.map((r) => ({ buyers: r.buyers, repeaters: r.repeaters }));
  }
}
