import { arrayParameter, TrailingRead } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Balance } from './ledger.rules';
import {
  CampaignEntity,
  CustomerTierEntity,
  LoyaltyPurchaseEntity,
  LoyaltySettingsEntity,
  PointsEntryEntity,
  PointsLotEntity,
  TierPolicyEntity,
} from './loyalty.entity';
import { TierStats } from './tier.rules';

/** A change to one customer's balance columns (the sum of the ledger entries written with it). */
export interface BalanceDelta {
  customerId: string;
  available: number;
  pending: number;
  debt: number;
}

export interface LockedBalance extends Balance {
  customerId: string;
}

/** Points of one customer that expire by a date, for the reminder. */
export interface ExpiringPoints {
  customerId: string;
  points: number;
  firstExpiresAt: Date;
  available: number;
}

const LOT_COLUMNS = `id, customer_id AS "customerId", purchase_id AS "purchaseId", source, points, reversed, remaining, expired,
  status, release_at AS "releaseAt", released_at AS "releasedAt", expires_at AS "expiresAt",
  reminded_at AS "remindedAt", created_at AS "createdAt"`;

const TIER_COLUMNS = `customer_id AS "customerId", tier, since, at_risk_since AS "atRiskSince",
  downgrade_to AS "downgradeTo", next_review_at AS "nextReviewAt", updated_at AS "updatedAt"`;

/** The only place that touches the loyalty tables. */
@Injectable()
export class LoyaltyRepository {
  constructor(private readonly dataSource: DataSource) {}

  settings(em: EntityManager = this.dataSource.manager): Promise<LoyaltySettingsEntity> {
    return em.getRepository(LoyaltySettingsEntity).findOneByOrFail({ id: 1 });
  }

  saveSettings(em: EntityManager, settings: LoyaltySettingsEntity): Promise<LoyaltySettingsEntity> {
    return em.getRepository(LoyaltySettingsEntity).save(settings);
  }

  tierPolicies(em: EntityManager = this.dataSource.manager): Promise<TierPolicyEntity[]> {
    return em.getRepository(TierPolicyEntity).find({ order: { rank: 'ASC' } });
  }

  saveTierPolicy(em: EntityManager, policy: TierPolicyEntity): Promise<TierPolicyEntity> {
    return em.getRepository(TierPolicyEntity).save(policy);
  }

  campaigns(em: EntityManager = this.dataSource.manager): Promise<CampaignEntity[]> {
    return em.getRepository(CampaignEntity).find({ order: { startsAt: 'DESC', id: 'DESC' } });
  }

  campaign(id: string): Promise<CampaignEntity | null> {
    return this.dataSource.getRepository(CampaignEntity).findOneBy({ id });
  }

  async insertCampaign(em: EntityManager, c: CampaignEntity): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO loyalty_campaign (id, code, name, multiplier, categories, starts_at, ends_at, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [c.id, c.code, c.name, c.multiplier, c.categories, c.startsAt, c.endsAt, c.createdAt, c.createdBy],
    );
    return rows.length === 1;
  }

  async deleteCampaign(em: EntityManager, id: string): Promise<boolean> {
    const result = await em.getRepository(CampaignEntity).delete({ id });
    return result.affected === 1;
  }

  async tiersOf(em: EntityManager, customerIds: string[]): Promise<Map<string, CustomerTierEntity>> {
    if (customerIds.length === 0) return new Map();
    const { sql, params } = this.tiersRead(customerIds);
    return this.tiersFrom(await em.query<CustomerTierEntity[]>(sql, params));
  }

  /** The read of tiersOf, for a caller that sends it with its writes (writeTogetherThenRead). */
  tiersRead(customerIds: string[]): TrailingRead {
    return {
      sql: `SELECT ${TIER_COLUMNS} FROM customer_tier WHERE customer_id = ANY($1::uuid[])`,
      params: [arrayParameter(customerIds)],
    };
  }

  /** The rows of tiersRead by customer. */
  tiersFrom(rows: CustomerTierEntity[]): Map<string, CustomerTierEntity> {
    return new Map(rows.map((r) => [r.customerId, r]));
  }

  tierOf(customerId: string): Promise<CustomerTierEntity | null> {
    return this.dataSource.getRepository(CustomerTierEntity).findOneBy({ customerId });
  }

  /** Rolling-window spend (net of refunds) and purchases (not fully refunded) per customer, since `since`. */
  async stats(em: EntityManager, customerIds: string[], since: Date): Promise<Map<string, TierStats>> {
    if (customerIds.length === 0) return new Map();
    const rows: { customerId: string; spend: string; purchases: number }[] = await em.query(
      `SELECT customer_id AS "customerId", COALESCE(sum(paid_amount_minor - LEAST(refunded_minor, paid_amount_minor)), 0) AS spend,
              count(*) FILTER (WHERE refunded_minor < paid_amount_minor)::int AS purchases
         FROM loyalty_purchase
        WHERE customer_id = ANY($1::uuid[]) AND purchased_at > $2
        GROUP BY customer_id`,
      [customerIds, since],
    );
    return new Map(rows.map((r) => [r.customerId, { spendMinor: Number(r.spend), purchases: r.purchases }]));
  }

  async statsOf(customerId: string, since: Date): Promise<TierStats> {
    const stats = await this.stats(this.dataSource.manager, [customerId], since);
    return stats.get(customerId) ?? { spendMinor: 0, purchases: 0 };
  }

  /** Writes the tiers held (a new or changed tier clears any pending downgrade). */
  async upsertTiers(em: EntityManager, rows: CustomerTierEntity[]): Promise<void> {
    if (rows.length === 0) return;
    const sorted = [...rows].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
    await em.query(
      `INSERT INTO customer_tier (customer_id, tier, since, at_risk_since, downgrade_to, next_review_at, updated_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (customer_id) DO UPDATE SET tier = EXCLUDED.tier, since = EXCLUDED.since,
         at_risk_since = EXCLUDED.at_risk_since, downgrade_to = EXCLUDED.downgrade_to,
         next_review_at = EXCLUDED.next_review_at, updated_at = EXCLUDED.updated_at`,
      [
        arrayParameter(sorted, (r) => r.customerId),
        arrayParameter(sorted, (r) => r.tier),
        arrayParameter(sorted, (r) => r.since),
        arrayParameter(sorted, (r) => r.atRiskSince),
        arrayParameter(sorted, (r) => r.downgradeTo),
        arrayParameter(sorted, (r) => r.nextReviewAt),
        arrayParameter(sorted, (r) => r.updatedAt),
      ],
    );
  }

  /** The tiers held by `customerIds`, locked in customer order. */
  async lockTiers(em: EntityManager, customerIds: string[]): Promise<Map<string, CustomerTierEntity>> {
    const rows: CustomerTierEntity[] = await em.query(
      `SELECT ${TIER_COLUMNS} FROM customer_tier WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id FOR UPDATE`,
      [customerIds],
    );
    return new Map(rows.map((r) => [r.customerId, r]));
  }

  async deleteTier(em: EntityManager, customerId: string): Promise<void> {
    await em.query(`DELETE FROM customer_tier WHERE customer_id = $1`, [customerId]);
  }

  /** A merge: the merged record's purchases (tier inputs) and lots go to the survivor; its ledger entries stay. */
  async moveToSurvivor(em: EntityManager, mergedId: string, survivorId: string): Promise<void> {
    await em.query(`UPDATE loyalty_purchase SET customer_id = $2 WHERE customer_id = $1`, [
      mergedId,
      survivorId,
    ]);
    await em.query(`UPDATE points_lot SET customer_id = $2 WHERE customer_id = $1`, [mergedId, survivorId]);
  }

  /** Tiers due for review, claimed so replicas share them. */
  claimReviews(em: EntityManager, now: Date, limit: number): Promise<CustomerTierEntity[]> {
    return em.query(
      `SELECT ${TIER_COLUMNS} FROM customer_tier WHERE next_review_at <= $1
        ORDER BY next_review_at, customer_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  // The inserts bind one array per column (unnest): a bulk batch of 500 purchases costs a few
  // parameters per statement instead of thousands, which is what the bulk ingest spends its time on.

  async insertPurchases(em: EntityManager, rows: LoyaltyPurchaseEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `INSERT INTO loyalty_purchase (purchase_id, customer_id, order_id, paid_amount_minor, refunded_minor,
         purchased_at, delivered_at, special_window, recorded_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::timestamptz[],
         $7::timestamptz[], $8::boolean[], $9::timestamptz[])`,
      [
        arrayParameter(rows, (r) => r.purchaseId),
        arrayParameter(rows, (r) => r.customerId),
        arrayParameter(rows, (r) => r.orderId),
        arrayParameter(rows, (r) => r.paidAmountMinor),
        arrayParameter(rows, (r) => r.refundedMinor),
        arrayParameter(rows, (r) => r.purchasedAt),
        arrayParameter(rows, (r) => r.deliveredAt),
        arrayParameter(rows, (r) => r.specialWindow),
        arrayParameter(rows, (r) => r.recordedAt),
      ],
    );
  }

  async insertLots(em: EntityManager, rows: PointsLotEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `INSERT INTO points_lot (id, customer_id, purchase_id, source, points, reversed, remaining, expired, status,
         release_at, released_at, expires_at, reminded_at, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[],
         $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[])`,
      [
        arrayParameter(rows, (r) => r.id),
        arrayParameter(rows, (r) => r.customerId),
        arrayParameter(rows, (r) => r.purchaseId),
        arrayParameter(rows, (r) => r.source),
        arrayParameter(rows, (r) => r.points),
        arrayParameter(rows, (r) => r.reversed),
        arrayParameter(rows, (r) => r.remaining),
        arrayParameter(rows, (r) => r.expired),
        arrayParameter(rows, (r) => r.status),
        arrayParameter(rows, (r) => r.releaseAt),
        arrayParameter(rows, (r) => r.releasedAt),
        arrayParameter(rows, (r) => r.expiresAt),
        arrayParameter(rows, (r) => r.remindedAt),
        arrayParameter(rows, (r) => r.createdAt),
      ],
    );
  }

  async insertEntries(em: EntityManager, rows: PointsEntryEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `INSERT INTO points_entry (id, customer_id, at, kind, pending_delta, available_delta, debt_delta, lot_id,
         purchase_id, reference, reason, actor_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::int[], $6::int[], $7::int[],
         $8::uuid[], $9::uuid[], $10::text[], $11::text[], $12::text[])`,
      [
        arrayParameter(rows, (r) => r.id),
        arrayParameter(rows, (r) => r.customerId),
        arrayParameter(rows, (r) => r.at),
        arrayParameter(rows, (r) => r.kind),
        arrayParameter(rows, (r) => r.pendingDelta),
        arrayParameter(rows, (r) => r.availableDelta),
        arrayParameter(rows, (r) => r.debtDelta),
        arrayParameter(rows, (r) => r.lotId),
        arrayParameter(rows, (r) => r.purchaseId),
        arrayParameter(rows, (r) => r.reference),
        arrayParameter(rows, (r) => r.reason),
        arrayParameter(rows, (r) => r.actorId),
      ],
    );
  }

  /** Writes lots changed by the ledger rules (status, reversed, remaining, expiry, release time). */
  async updateLots(em: EntityManager, lots: PointsLotEntity[]): Promise<void> {
    if (lots.length === 0) return;
    await em.query(
      `UPDATE points_lot l SET status = u.status, reversed = u.reversed, remaining = u.remaining,
              expired = u.expired, expires_at = u.expires_at, released_at = u.released_at
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::int[], $6::timestamptz[], $7::timestamptz[])
              AS u(id, status, reversed, remaining, expired, expires_at, released_at)
        WHERE l.id = u.id`,
      [
        lots.map((l) => l.id),
        lots.map((l) => l.status),
        lots.map((l) => l.reversed),
        lots.map((l) => l.remaining),
        lots.map((l) => l.expired),
        lots.map((l) => l.expiresAt),
        lots.map((l) => l.releasedAt),
      ],
    );
  }

  /**
   * Adds the deltas to the customers' balances (creating them), in customer order so concurrent batches
   * cannot deadlock. Additions only (a purchase's points) are one INSERT, which writeTogether can join.
   */
  async addToBalances(em: EntityManager, deltas: BalanceDelta[], at: Date): Promise<void> {
    const merged = new Map<string, BalanceDelta>();
    for (const d of deltas) {
      const m = merged.get(d.customerId) ?? { customerId: d.customerId, available: 0, pending: 0, debt: 0 };
      m.available += d.available;
      m.pending += d.pending;
      m.debt += d.debt;
      merged.set(d.customerId, m);
    }
    const rows = [...merged.values()]
      .filter((d) => d.available !== 0 || d.pending !== 0 || d.debt !== 0)
      .sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.customerId);
    const columns = [
      ids,
      rows.map((r) => r.available),
      rows.map((r) => r.pending),
      rows.map((r) => r.debt),
      at,
    ];
    if (rows.every((r) => r.available >= 0 && r.pending >= 0 && r.debt >= 0)) {
      // Only additions (a purchase's pending points): each row is a valid new balance itself, so one upsert,
      // its rows in customer order (the order it locks them in), does what the three statements below do.
      await em.query(
        `INSERT INTO points_balance AS b (customer_id, available, pending, debt, updated_at)
         SELECT c, a, p, d, $5::timestamptz FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS t(c, a, p, d)
          ORDER BY c
         ON CONFLICT (customer_id) DO UPDATE SET available = b.available + EXCLUDED.available,
            pending = b.pending + EXCLUDED.pending, debt = b.debt + EXCLUDED.debt, updated_at = EXCLUDED.updated_at`,
        columns,
      );
      return;
    }
    // Rows first (a CHECK applies to an INSERT's own row even when ON CONFLICT would update instead),
    // then locks in customer order, so concurrent batches cannot deadlock, then the sums.
    await em.query(
      `INSERT INTO points_balance (customer_id, updated_at)
       SELECT c, $2::timestamptz FROM unnest($1::uuid[]) AS t(c) ORDER BY c ON CONFLICT (customer_id) DO NOTHING`,
      [ids, at],
    );
    await em.query(
      `SELECT 1 FROM points_balance WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id FOR UPDATE`,
      [ids],
    );
    await em.query(
      `UPDATE points_balance b SET available = b.available + t.a, pending = b.pending + t.p, debt = b.debt + t.d,
              updated_at = $5::timestamptz
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS t(c, a, p, d)
        WHERE b.customer_id = t.c`,
      columns,
    );
  }

  /** The customer's balance row, created if missing and locked: every change of their points goes through it. */
  async lockBalance(em: EntityManager, customerId: string, at: Date): Promise<LockedBalance> {
    await em.query(
      `INSERT INTO points_balance (customer_id, updated_at) VALUES ($1, $2) ON CONFLICT (customer_id) DO NOTHING`,
      [customerId, at],
    );
    const rows: LockedBalance[] = await em.query(
      `SELECT customer_id AS "customerId", available, pending, debt FROM points_balance WHERE customer_id = $1 FOR UPDATE`,
      [customerId],
    );
    return rows[0];
  }

  balance(customerId: string): Promise<LockedBalance | undefined> {
    return this.dataSource
      .query(
        `SELECT customer_id AS "customerId", available, pending, debt FROM points_balance WHERE customer_id = $1`,
        [customerId],
      )
      .then((rows: LockedBalance[]) => rows[0]);
  }

  /** Available points of the customer expiring by `until`. */
  async expiringBy(
    customerId: string,
    until: Date,
  ): Promise<{ points: number; firstExpiresAt: Date | null }> {
    const rows: { points: number; first: Date | null }[] = await this.dataSource.query(
      `SELECT COALESCE(sum(remaining), 0)::int AS points, min(expires_at) AS first
         FROM points_lot WHERE customer_id = $1 AND status = 'available' AND expires_at <= $2`,
      [customerId, until],
    );
    return { points: rows[0].points, firstExpiresAt: rows[0].first };
  }

  /** The customer's spendable lots, locked (take the balance lock first). */
  lockAvailableLots(em: EntityManager, customerId: string): Promise<PointsLotEntity[]> {
    return em.query(
      `SELECT ${LOT_COLUMNS} FROM points_lot WHERE customer_id = $1 AND status = 'available'
        ORDER BY expires_at, id FOR UPDATE`,
      [customerId],
    );
  }

  async lockPurchaseLot(em: EntityManager, purchaseId: string): Promise<PointsLotEntity | null> {
    const rows: PointsLotEntity[] = await em.query(
      `SELECT ${LOT_COLUMNS} FROM points_lot WHERE purchase_id = $1 FOR UPDATE`,
      [purchaseId],
    );
    return rows[0] ?? null;
  }

  async lockPurchase(em: EntityManager, purchaseId: string): Promise<LoyaltyPurchaseEntity | null> {
    return em
      .getRepository(LoyaltyPurchaseEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.purchase_id = :purchaseId', { purchaseId })
      .getOne();
  }

  async setDelivered(
    em: EntityManager,
    purchaseId: string,
    deliveredAt: Date,
    releaseAt: Date,
  ): Promise<void> {
    await em.query(`UPDATE loyalty_purchase SET delivered_at = $2 WHERE purchase_id = $1`, [
      purchaseId,
      deliveredAt,
    ]);
    await em.query(`UPDATE points_lot SET release_at = $2 WHERE purchase_id = $1 AND status = 'pending'`, [
      purchaseId,
      releaseAt,
    ]);
  }

  async addRefunded(em: EntityManager, purchaseId: string, amountMinor: number): Promise<void> {
    await em.query(
      `UPDATE loyalty_purchase SET refunded_minor = refunded_minor + $2 WHERE purchase_id = $1`,
      [purchaseId, amountMinor],
    );
  }

  /**
   * Claims the balances of customers with lots due (`due`: pending lots whose window closed, or
   * available lots past their expiry), SKIP LOCKED so replicas share them, then locks those lots.
   * The balance row is always locked before the lots, as a redemption does.
   */
  async claimDue(
    em: EntityManager,
    due: 'release' | 'expire',
    now: Date,
    limit: number,
  ): Promise<{ balances: LockedBalance[]; lots: PointsLotEntity[] }> {
    const condition =
      due === 'release'
        ? `status = 'pending' AND release_at <= $1`
        : `status = 'available' AND expires_at <= $1`;
    const balances: LockedBalance[] = await em.query(
      `SELECT customer_id AS "customerId", available, pending, debt FROM points_balance
        WHERE customer_id IN (SELECT customer_id FROM points_lot WHERE ${condition})
        ORDER BY customer_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    if (balances.length === 0) return { balances, lots: [] };
    const lots: PointsLotEntity[] = await em.query(
      `SELECT ${LOT_COLUMNS} FROM points_lot WHERE customer_id = ANY($2::uuid[]) AND ${condition}
        ORDER BY customer_id, id FOR UPDATE`,
      [now, balances.map((b) => b.customerId)],
    );
    return { balances, lots };
  }

  /** Marks available lots expiring by `until` as reminded, claimed SKIP LOCKED; what each customer was reminded of. */
  async claimReminders(em: EntityManager, until: Date, now: Date, limit: number): Promise<ExpiringPoints[]> {
    return em
      .query(
        `WITH due AS (
           SELECT id FROM points_lot WHERE status = 'available' AND reminded_at IS NULL AND expires_at <= $1
            ORDER BY expires_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
         ), marked AS (
           UPDATE points_lot l SET reminded_at = $2 FROM due WHERE l.id = due.id
           RETURNING l.customer_id, l.remaining, l.expires_at
         )
         SELECT m.customer_id AS "customerId", sum(m.remaining)::int AS points, min(m.expires_at) AS "firstExpiresAt",
                b.available
           FROM marked m JOIN points_balance b ON b.customer_id = m.customer_id
          GROUP BY m.customer_id, b.available`,
        [until, now, limit],
      )
      .then((rows: ExpiringPoints[]) => rows);
  }

  /** One page of the ledger, newest first. */
  ledger(
    customerId: string,
    after: { seq: string } | undefined,
    limit: number,
  ): Promise<PointsEntryEntity[]> {
    return this.dataSource.query(
      `SELECT id, seq, customer_id AS "customerId", at, kind, pending_delta AS "pendingDelta",
              available_delta AS "availableDelta", debt_delta AS "debtDelta", lot_id AS "lotId",
              purchase_id AS "purchaseId", reference, reason, actor_id AS "actorId"
         FROM points_entry WHERE customer_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
        ORDER BY seq DESC LIMIT $3`,
      [customerId, after?.seq ?? null, limit],
    );
  }

  /** The ledger's sums for a customer (what the balance must equal). */
  async ledgerSums(customerId: string): Promise<Balance> {
    const rows: Balance[] = await this.dataSource.query(
      `SELECT COALESCE(sum(available_delta), 0)::int AS available, COALESCE(sum(pending_delta), 0)::int AS pending,
              COALESCE(sum(debt_delta), 0)::int AS debt FROM points_entry WHERE customer_id = $1`,
      [customerId],
    );
    return rows[0];
  }

  /**
   * The survivor a customer was merged into, or null (the customers module's table, read only). Read
   * after the balance lock: a merge locks the merged record's balance before it moves its points, so
   * this sees the merge committed, or it has not started.
   */
  async mergedInto(em: EntityManager, customerId: string): Promise<string | null> {
    const rows = await em.query<{ merged_into_id: string | null }[]>(
      `SELECT merged_into_id FROM customer WHERE id = $1`,
      [customerId],
    );
    return rows[0]?.merged_into_id ?? null;
  }

  /** Whether crm knows the customer (the customers module's table, read only). */
  async customerExists(customerId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM customer WHERE id = $1`, [customerId]);
    return rows.length > 0;
  }
}
