import { Tier } from '@cx/contracts';
import { Statement } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CustomerTierEntity } from './customer.entity';

/** The local read models fed by crm's events: customer tiers and recorded orders (their writes are statements for ctx.write). */
@Injectable()
export class CustomerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async tierOf(customerId: string, em: EntityManager = this.dataSource.manager): Promise<Tier | null> {
    const row = await em.getRepository(CustomerTierEntity).findOneBy({ customerId });
    return row?.tier ?? null;
  }

  /** Keeps the newest tier: an older event arriving late does not overwrite a newer one. */
  upsertTier(customerId: string, tier: Tier, changedAt: Date): Statement {
    return {
      sql: `INSERT INTO customer_tier (customer_id, tier, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (customer_id) DO UPDATE SET tier = EXCLUDED.tier, changed_at = EXCLUDED.changed_at
       WHERE customer_tier.changed_at <= EXCLUDED.changed_at`,
      params: [customerId, tier, changedAt],
    };
  }

  recordOrder(order: { orderId: string; storeId: string; customerId: string; purchasedAt: Date }): Statement {
    return {
      sql: `INSERT INTO recorded_order (order_id, store_id, customer_id, purchased_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id) DO NOTHING`,
      params: [order.orderId, order.storeId, order.customerId, order.purchasedAt],
    };
  }

  /**
   * A merged customer's copies follow the survivor: its orders count as the survivor's, and its tier copy
   * goes (the survivor's tier arrives on its own tier-changed event, docs/complaints/README.md).
   */
  async mergeInto(em: EntityManager, mergedId: string, survivorId: string): Promise<void> {
    await em.query(`UPDATE recorded_order SET customer_id = $2 WHERE customer_id = $1`, [
      mergedId,
      survivorId,
    ]);
    await this.forget(em, mergedId);
  }

  async forget(em: EntityManager, customerId: string): Promise<void> {
    await em.query(`DELETE FROM customer_tier WHERE customer_id = $1`, [customerId]);
  }
}
