import { insertRows } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CampaignEntity,
  CustomerTierEntity,
  LoyaltyPurchaseEntity,
  LoyaltySettingsEntity,
  PointsEntryEntity,
  PointsLotEntity,
  TierPolicyEntity,
} from './loyalty.entity';

/** A change to one customer's balance columns (the sum of the ledger entries written with it). */
export interface BalanceDelta {
  customerId: string;
  available: number;
  pending: number;
  debt: number;
}

/** The only place that touches the loyalty tables. */
@Injectable()
export class LoyaltyRepository {
  settings(em: EntityManager): Promise<LoyaltySettingsEntity> {
    return em.getRepository(LoyaltySettingsEntity).findOneByOrFail({ id: 1 });
  }

  tierPolicies(em: EntityManager): Promise<TierPolicyEntity[]> {
    return em.getRepository(TierPolicyEntity).find({ order: { rank: 'ASC' } });
  }

  /** Campaigns running at some time in [from, to]. */
  async campaignsBetween(em: EntityManager, from: Date, to: Date): Promise<CampaignEntity[]> {
    return em.query(
      `SELECT id, code, name, multiplier, categories, starts_at AS "startsAt", ends_at AS "endsAt",
              created_at AS "createdAt", created_by AS "createdBy"
         FROM loyalty_campaign WHERE ends_at > $1 AND starts_at <= $2`,
      [from, to],
    );
  }

  async tiersOf(em: EntityManager, customerIds: string[]): Promise<Map<string, CustomerTierEntity>> {
    if (customerIds.length === 0) return new Map();
    const rows: CustomerTierEntity[] = await em.query(
      `SELECT customer_id AS "customerId", tier, since, at_risk_since AS "atRiskSince",
              downgrade_to AS "downgradeTo", updated_at AS "updatedAt"
         FROM customer_tier WHERE customer_id = ANY($1::uuid[])`,
      [customerIds],
    );
    return new Map(rows.map((r) => [r.customerId, r]));
  }

  insertPurchases(em: EntityManager, rows: LoyaltyPurchaseEntity[]): Promise<void> {
    return insertRows(em, LoyaltyPurchaseEntity, rows);
  }

  insertLots(em: EntityManager, rows: PointsLotEntity[]): Promise<void> {
    return insertRows(em, PointsLotEntity, rows);
  }

  insertEntries(em: EntityManager, rows: PointsEntryEntity[]): Promise<void> {
    return insertRows(em, PointsEntryEntity, rows);
  }

  /** Adds the deltas to the customers' balances (creating them), in customer order so concurrent batches cannot deadlock. */
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
    await em.query(
      `INSERT INTO points_balance (customer_id, available, pending, debt, updated_at)
       SELECT c, a, p, d, $5::timestamptz
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS t(c, a, p, d)
       ON CONFLICT (customer_id) DO UPDATE SET
         available = points_balance.available + EXCLUDED.available,
         pending = points_balance.pending + EXCLUDED.pending,
         debt = points_balance.debt + EXCLUDED.debt,
         updated_at = EXCLUDED.updated_at`,
      [
        rows.map((r) => r.customerId),
        rows.map((r) => r.available),
        rows.map((r) => r.pending),
        rows.map((r) => r.debt),
        at,
      ],
    );
  }

  /** The purchase's pending lot, locked. */
  async lockPurchaseLot(em: EntityManager, purchaseId: string): Promise<PointsLotEntity | null> {
    return em
      .getRepository(PointsLotEntity)
      .createQueryBuilder('l')
      .setLock('pessimistic_write')
      .where('l.purchase_id = :purchaseId', { purchaseId })
      .getOne();
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

  saveLot(em: EntityManager, lot: PointsLotEntity): Promise<PointsLotEntity> {
    return em.getRepository(PointsLotEntity).save(lot);
  }

  async addRefunded(em: EntityManager, purchaseId: string, amountMinor: number): Promise<void> {
    await em.query(
      `UPDATE loyalty_purchase SET refunded_minor = refunded_minor + $2 WHERE purchase_id = $1`,
      [purchaseId, amountMinor],
    );
  }
}
