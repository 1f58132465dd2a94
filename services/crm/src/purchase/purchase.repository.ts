import { arrayParameter, insertUnlessTaken } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { PurchaseEntity, PurchaseLineEntity, PurchaseRefundEntity } from './purchase.entity';
import { PurchaseWithLines } from './purchase.view';

/** A position in a customer's list: its sort key and id (the cursor's content). */
export type PurchasePosition = { purchasedAt: string; id: string };

/** An order already recorded: enough to tell a repeat from a conflict. */
export interface RecordedOrder {
  id: string;
  source: string;
  orderId: string;
  contentHash: string;
}

const orderKey = (source: string, orderId: string) => `${source}\u0000${orderId}`;

/** The only place that touches the purchase tables. Writes take the caller's transaction (`em`). */
@Injectable()
export class PurchaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the purchases whose (source, order id) is free and whose customer is one a purchase may be
   * recorded for (an active record; merged and erased ones take no new purchases), in one statement,
   * and gives the ids it inserted. An order taken before, or by a transaction that commits meanwhile, is
   * skipped (the unique index decides; a concurrent insert of the same order waits for that
   * transaction). Each customer is share-locked until the purchases commit: a merge (which locks both
   * records for update) waits for them and then moves them, or runs first and this sees the record
   * merged (the lock re-reads it) and skips its purchases. One statement for what took two (the check
   * and lock of the customers, then the insert): one round trip fewer per batch. Callers sort by
   * (source, order id), so two batches with common orders take their locks in the same order.
   */
  async insertNew(em: EntityManager, rows: PurchaseEntity[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await em.query<{ id: string }[]>(
      `INSERT INTO purchase (id, source, order_id, channel, store_id, customer_id, paid_amount_minor, currency,
         purchased_at, delivered_at, refunded_amount_minor, content_hash, recorded_at, recorded_by)
       SELECT id, source, order_id, channel, store_id, customer_id, paid, currency, purchased_at, delivered_at,
         0, content_hash, recorded_at, recorded_by
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::bigint[],
         $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::timestamptz[], $13::text[])
         AS r(id, source, order_id, channel, store_id, customer_id, paid, currency, purchased_at, delivered_at,
           content_hash, recorded_at, recorded_by)
       WHERE EXISTS (SELECT FROM customer c WHERE c.id = r.customer_id AND c.status = 'active' FOR KEY SHARE)
       ON CONFLICT (source, order_id) DO NOTHING
       RETURNING id`,
      [
        arrayParameter(rows, (r) => r.id),
        arrayParameter(rows, (r) => r.source),
        arrayParameter(rows, (r) => r.orderId),
        arrayParameter(rows, (r) => r.channel),
        arrayParameter(rows, (r) => r.storeId),
        arrayParameter(rows, (r) => r.customerId),
        arrayParameter(rows, (r) => r.paidAmountMinor),
        arrayParameter(rows, (r) => r.currency),
        arrayParameter(rows, (r) => r.purchasedAt),
        arrayParameter(rows, (r) => r.deliveredAt),
        arrayParameter(rows, (r) => r.contentHash),
        arrayParameter(rows, (r) => r.recordedAt),
        arrayParameter(rows, (r) => r.recordedBy),
      ],
    );
    return new Set(inserted.map((r) => r.id));
  }

  /**
   * One statement for any number of lines: ten array parameters unnested into rows (fewer parameters
   * for Postgres to parse and bind than a multi-row VALUES of ten per line).
   */
  async insertLines(em: EntityManager, lines: PurchaseLineEntity[]): Promise<void> {
    if (lines.length === 0) return;
    await em.query(
      `INSERT INTO purchase_line (purchase_id, position, line_id, sku, category, product_name, serial_number,
         quantity, unit_price_minor, warranty_class)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::int[], $9::bigint[], $10::text[])`,
      [
        arrayParameter(lines, (l) => l.purchaseId),
        arrayParameter(lines, (l) => l.position),
        arrayParameter(lines, (l) => l.lineId),
        arrayParameter(lines, (l) => l.sku),
        arrayParameter(lines, (l) => l.category),
        arrayParameter(lines, (l) => l.productName),
        arrayParameter(lines, (l) => l.serialNumber),
        arrayParameter(lines, (l) => l.quantity),
        arrayParameter(lines, (l) => l.unitPriceMinor),
        arrayParameter(lines, (l) => l.warrantyClass),
      ],
    );
  }

  /** The orders of `keys` that are recorded, by `${source}\0${orderId}`; one statement. */
  async findOrders(
    em: EntityManager,
    keys: { source: string; orderId: string }[],
  ): Promise<Map<string, RecordedOrder>> {
    if (keys.length === 0) return new Map();
    const rows = await em.query<RecordedOrder[]>(
      `SELECT p.id, p.source, p.order_id AS "orderId", p.content_hash AS "contentHash"
       FROM purchase p JOIN unnest($1::text[], $2::text[]) AS k(source, order_id)
         ON p.source = k.source AND p.order_id = k.order_id`,
      [keys.map((k) => k.source), keys.map((k) => k.orderId)],
    );
    return new Map(rows.map((r) => [orderKey(r.source, r.orderId), r]));
  }

  /** A merge: the merged record's purchases are the survivor's from now on. */
  async moveToSurvivor(em: EntityManager, mergedId: string, survivorId: string): Promise<void> {
    await em.query(`UPDATE purchase SET customer_id = $2 WHERE customer_id = $1`, [mergedId, survivorId]);
  }

  /** The purchase locked for an update in `em`'s transaction, or null. */
  lockById(em: EntityManager, id: string): Promise<PurchaseEntity | null> {
    return em
      .getRepository(PurchaseEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
  }

  /** The purchase of this order locked for an update in `em`'s transaction, or null. */
  lockByOrder(em: EntityManager, source: string, orderId: string): Promise<PurchaseEntity | null> {
    return em
      .getRepository(PurchaseEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.source = :source AND p.order_id = :orderId', { source, orderId })
      .getOne();
  }

  async setDelivered(em: EntityManager, id: string, deliveredAt: Date): Promise<void> {
    await em.getRepository(PurchaseEntity).update({ id }, { deliveredAt });
  }

  async findById(id: string, em?: EntityManager): Promise<PurchaseWithLines | null> {
    const purchase = await (em ?? this.dataSource.manager).getRepository(PurchaseEntity).findOneBy({ id });
    return purchase ? (await this.withLines([purchase], em))[0] : null;
  }

  async findByOrder(source: string, orderId: string): Promise<PurchaseWithLines | null> {
    const purchase = await this.dataSource.getRepository(PurchaseEntity).findOneBy({ source, orderId } as {
      source: PurchaseEntity['source'];
      orderId: string;
    });
    return purchase ? (await this.withLines([purchase]))[0] : null;
  }

  /** A customer's purchases, newest first, after `after` when given; `limit` at most. */
  async listByCustomer(
    customerId: string,
    after: PurchasePosition | undefined,
    limit: number,
  ): Promise<PurchaseWithLines[]> {
    const qb = this.dataSource
      .getRepository(PurchaseEntity)
      .createQueryBuilder('p')
      .where('p.customer_id = :customerId', { customerId });
    if (after)
      qb.andWhere('(p.purchased_at, p.id) < (:purchasedAt, :id)', {
        purchasedAt: after.purchasedAt,
        id: after.id,
      });
    const rows = await qb.orderBy('p.purchased_at', 'DESC').addOrderBy('p.id', 'DESC').limit(limit).getMany();
    return this.withLines(rows);
  }

  /**
   * The purchase a refund of `orderId` by `customerId` belongs to, locked in `em`'s transaction: the
   * return names no source, so the customer's order of that id (the one of the same store first). A
   * merged record's purchases belong to its survivor now: a return naming the merged id finds them there.
   */
  async lockForRefund(
    em: EntityManager,
    customerId: string,
    orderId: string,
    storeId: string,
  ): Promise<PurchaseEntity | null> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT id FROM purchase
        WHERE customer_id IN ($1, (SELECT merged_into_id FROM customer WHERE id = $1)) AND order_id = $2
       ORDER BY (store_id = $3) DESC, purchased_at DESC LIMIT 1 FOR UPDATE`,
      [customerId, orderId, storeId],
    );
    return rows.length === 0 ? null : em.getRepository(PurchaseEntity).findOneBy({ id: rows[0].id });
  }

  /** Records a refund once per return; false when that return was recorded before. */
  insertRefund(em: EntityManager, refund: PurchaseRefundEntity): Promise<boolean> {
    return insertUnlessTaken(em, PurchaseRefundEntity, refund, 'returnId');
  }

  async addRefunded(em: EntityManager, purchaseId: string, amountMinor: number): Promise<void> {
    await em.query(`UPDATE purchase SET refunded_amount_minor = refunded_amount_minor + $2 WHERE id = $1`, [
      purchaseId,
      amountMinor,
    ]);
  }

  private async withLines(purchases: PurchaseEntity[], em?: EntityManager): Promise<PurchaseWithLines[]> {
    if (purchases.length === 0) return [];
    const lines = await (em ?? this.dataSource.manager).getRepository(PurchaseLineEntity).find({
      where: { purchaseId: In(purchases.map((p) => p.id)) },
      order: { purchaseId: 'ASC', position: 'ASC' },
    });
    const byPurchase = new Map<string, PurchaseLineEntity[]>();
    for (const l of lines) byPurchase.set(l.purchaseId, [...(byPurchase.get(l.purchaseId) ?? []), l]);
    return purchases.map((purchase) => ({ purchase, lines: byPurchase.get(purchase.id) ?? [] }));
  }
}

export { orderKey };
