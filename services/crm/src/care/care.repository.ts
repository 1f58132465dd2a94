import { runExclusive } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CareRules, MembershipChange, PurchaseStats, Segment } from './segment.rules';

export interface CareSettings extends CareRules {
  rfmWindowDays: number;
  segmentsComputedAt: Date | null;
  updatedAt: Date;
  updatedBy: string;
}

export interface SegmentMemberRow {
  customerId: string;
  joinedAt: Date;
}

export interface BirthdayRow {
  customerId: string;
  monthDay: number;
  inDays: number;
}

type SettingsRow = {
  vip_tiers: string[];
  at_risk_factor: string;
  at_risk_min_days: number;
  rfm_window_days: number;
  segments_computed_at: Date | null;
  updated_at: Date;
  updated_by: string;
};

/** Per customer since $1: purchases not fully refunded, net spend, first and last time (a range on purchased_at). */
export const PURCHASE_STATS_SQL = `SELECT p.customer_id, count(*)::int AS purchases,
    sum(p.paid_amount_minor - p.refunded_minor)::bigint AS monetary, min(p.purchased_at) AS first_at,
    max(p.purchased_at) AS last_at
  FROM loyalty_purchase p
  WHERE p.purchased_at >= $1 AND p.paid_amount_minor > p.refunded_minor
    AND NOT EXISTS (SELECT 1 FROM segment_exclusion x WHERE x.customer_id = p.customer_id)
  GROUP BY p.customer_id`;

/**
 * Care's own tables, and read-only queries of the tables other crm features own: purchases as loyalty
 * recorded them (net of refunds), current tiers, profiles' month-day of birth and marketing consent.
 */
@Injectable()
export class CareRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `work` in a transaction no other replica is running it in right now; `ran: false` if one is. */
  exclusive<T>(lock: string, work: (em: EntityManager) => Promise<T>) {
    return runExclusive(this.dataSource, lock, work);
  }

  async settings(em: EntityManager = this.dataSource.manager): Promise<CareSettings> {
    const [row] = await em.query<SettingsRow[]>(`SELECT * FROM care_settings WHERE id = 1`);
    return {
      vipTiers: row.vip_tiers,
      atRiskFactor: Number(row.at_risk_factor),
      atRiskMinDays: row.at_risk_min_days,
      rfmWindowDays: row.rfm_window_days,
      segmentsComputedAt: row.segments_computed_at,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  async saveSettings(s: CareRules & { rfmWindowDays: number }, by: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE care_settings SET vip_tiers = $1, at_risk_factor = $2, at_risk_min_days = $3, rfm_window_days = $4,
         updated_at = $5, updated_by = $6 WHERE id = 1`,
      [s.vipTiers, s.atRiskFactor, s.atRiskMinDays, s.rfmWindowDays, at, by],
    );
  }

  /** Per customer since `since`: purchases not fully refunded, their net spend, first and last time. */
  async purchaseStats(em: EntityManager, since: Date): Promise<PurchaseStats[]> {
    const rows = await em.query<
      { customer_id: string; purchases: number; monetary: string; first_at: Date; last_at: Date }[]
    >(PURCHASE_STATS_SQL, [since]);
    return rows.map((r) => ({
      customerId: r.customer_id,
      purchases: r.purchases,
      monetaryMinor: Number(r.monetary),
      firstAt: r.first_at,
      lastAt: r.last_at,
    }));
  }

  /** Current tiers of the customers in `tiers` (the VIP ones). */
  async customersInTiers(em: EntityManager, tiers: readonly string[]): Promise<Map<string, string>> {
    const rows = await em.query<{ customer_id: string; tier: string }[]>(
      `SELECT t.customer_id, t.tier FROM customer_tier t
        WHERE t.tier = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM segment_exclusion x WHERE x.customer_id = t.customer_id)`,
      [tiers],
    );
    return new Map(rows.map((r) => [r.customer_id, r.tier]));
  }

  async members(em: EntityManager): Promise<Map<Segment, Set<string>>> {
    const rows = await em.query<{ segment: Segment; customer_id: string }[]>(
      `SELECT segment, customer_id FROM segment_member`,
    );
    const members = new Map<Segment, Set<string>>();
    for (const r of rows) {
      const set = members.get(r.segment) ?? new Set<string>();
      set.add(r.customer_id);
      members.set(r.segment, set);
    }
    return members;
  }

  /** Writes joins and leaves, a few statements whatever their number. */
  async applyChanges(em: EntityManager, changes: readonly MembershipChange[], at: Date): Promise<void> {
    const joined = changes.filter((c) => c.change === 'joined');
    const left = changes.filter((c) => c.change === 'left');
    if (joined.length > 0)
      await em.query(
        `INSERT INTO segment_member (segment, customer_id, joined_at)
         SELECT s, c, $3 FROM unnest($1::text[], $2::uuid[]) AS j(s, c) ON CONFLICT DO NOTHING`,
        [joined.map((c) => c.segment), joined.map((c) => c.customerId), at],
      );
    if (left.length > 0)
      await em.query(
        `DELETE FROM segment_member m USING unnest($1::text[], $2::uuid[]) AS l(s, c)
          WHERE m.segment = l.s AND m.customer_id = l.c`,
        [left.map((c) => c.segment), left.map((c) => c.customerId)],
      );
  }

  async markComputed(em: EntityManager, at: Date): Promise<void> {
    await em.query(`UPDATE care_settings SET segments_computed_at = $1 WHERE id = 1`, [at]);
  }

  /** Leaves the customer out of every segment from now on; returns the segments they were in. */
  async exclude(
    em: EntityManager,
    customerId: string,
    reason: 'erased' | 'merged',
    at: Date,
  ): Promise<Segment[]> {
    await em.query(
      `INSERT INTO segment_exclusion (customer_id, reason, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [customerId, reason, at],
    );
    const deleted = await em.query<{ segment: Segment }[]>(
      `WITH d AS (DELETE FROM segment_member WHERE customer_id = $1 RETURNING segment) SELECT segment FROM d`,
      [customerId],
    );
    return deleted.map((r) => r.segment);
  }

  async sizes(): Promise<Map<Segment, number>> {
    const rows = await this.dataSource.query<{ segment: Segment; n: number }[]>(
      `SELECT segment, count(*)::int AS n FROM segment_member GROUP BY segment`,
    );
    return new Map(rows.map((r) => [r.segment, r.n]));
  }

  /** Members in customer id order, after `afterId`. */
  async membersOf(segment: Segment, afterId: string | undefined, limit: number): Promise<SegmentMemberRow[]> {
    const rows = await this.dataSource.query<{ customer_id: string; joined_at: Date }[]>(
      `SELECT customer_id, joined_at FROM segment_member
        WHERE segment = $1 AND ($2::uuid IS NULL OR customer_id > $2::uuid)
        ORDER BY customer_id LIMIT $3`,
      [segment, afterId ?? null, limit],
    );
    return rows.map((r) => ({ customerId: r.customer_id, joinedAt: r.joined_at }));
  }

  /**
   * Active customers with marketing consent (on any channel) whose month-day of birth is in the window
   * (month-day -> days from today), ordered by (days, id) after `after`.
   */
  async birthdays(
    window: ReadonlyMap<number, number>,
    after: { inDays: number; id: string } | undefined,
    limit: number,
  ): Promise<BirthdayRow[]> {
    const rows = await this.dataSource.query<{ id: string; month_day: number; in_days: number }[]>(
      `SELECT c.id, c.birthday_month_day AS month_day, w.d AS in_days
         FROM customer c JOIN unnest($1::int[], $2::int[]) AS w(md, d) ON c.birthday_month_day = w.md
        WHERE c.status = 'active'
          AND EXISTS (SELECT 1 FROM customer_consent k
                       WHERE k.customer_id = c.id AND k.purpose = 'marketing' AND k.granted)
          AND ($3::int IS NULL OR (w.d, c.id) > ($3::int, $4::uuid))
        ORDER BY w.d, c.id
        LIMIT $5`,
      [[...window.keys()], [...window.values()], after?.inDays ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({ customerId: r.id, monthDay: r.month_day, inDays: r.in_days }));
  }

  /** How many such customers, without who (the lead's view). */
  async countBirthdays(window: ReadonlyMap<number, number>): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM customer c
        WHERE c.status = 'active' AND c.birthday_month_day = ANY($1::int[])
          AND EXISTS (SELECT 1 FROM customer_consent k
                       WHERE k.customer_id = c.id AND k.purpose = 'marketing' AND k.granted)`,
      [[...window.keys()]],
    );
    return row.n;
  }
}
