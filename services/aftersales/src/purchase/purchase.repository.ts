import { insertValues, Statement } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PurchaseEntity } from './purchase.entity';

/** The only place that touches the purchase table. */
@Injectable()
export class PurchaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a purchase or fills in what a later (or earlier) event of the same order adds. */
  async upsert(em: EntityManager, p: PurchaseEntity): Promise<void> {
    const { sql, params } = this.upsertStatement(p);
    await em.query(sql, [...params]);
  }

  /** The statement of `upsert`, for a write-only handler to queue (ctx.write). */
  upsertStatement(p: PurchaseEntity): Statement & { params: unknown[] } {
    // insertValues: a write-only batch joins its purchases into one INSERT (ADR 0036); two of one order in
    // one batch fail that INSERT (a row updated twice) and the batch is applied the careful way instead.
    return insertValues(
      'INSERT INTO purchase (order_id, customer_id, store_id, purchased_at, delivered_at, currency, lines)',
      '($1, $2, $3, $4, $5, $6, $7)',
      `ON CONFLICT (order_id) DO UPDATE SET
         delivered_at = COALESCE(purchase.delivered_at, EXCLUDED.delivered_at),
         currency = COALESCE(purchase.currency, EXCLUDED.currency)`,
      [
        p.orderId,
        p.customerId,
        p.storeId,
        p.purchasedAt.toISOString(), // ISO text: cheaper to inline than pg's Date conversion
        p.deliveredAt?.toISOString() ?? null,
        p.currency,
        JSON.stringify(p.lines),
      ],
    ) as Statement & { params: unknown[] };
  }

  findByOrder(orderId: string, em?: EntityManager): Promise<PurchaseEntity | null> {
    return (em ?? this.dataSource.manager).findOneBy(PurchaseEntity, { orderId });
  }

  async unlinkCustomer(em: EntityManager, customerId: string): Promise<void> {
    await em.query(`UPDATE purchase SET customer_id = NULL WHERE customer_id = $1`, [customerId]);
  }
}
