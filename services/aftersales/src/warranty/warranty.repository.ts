import { insertRows, Statement } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { WarrantyEntity } from './warranty.entity';

/** What registration computed for one purchased line with a term; SQL expands it into its units. */
export interface LineRegistration {
  lineId: string;
  sku: string;
  category: string;
  productName: string;
  serialNumber: string | null;
  quantity: number;
  unitPriceMinor: number;
  warrantyClass: string | null;
  termMonths: number;
  startsAt: Date;
  endsAt: Date;
}

/** What the lines of one purchase share. */
export interface PurchaseRegistration {
  orderId: string;
  customerId: string;
  storeId: string;
  currency: string | null;
  purchasedAt: Date;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface WarrantyFilter {
  serialNumber?: string;
  orderId?: string;
  customerId?: string;
}

/** The only place that touches the warranty table. */
@Injectable()
export class WarrantyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /**
   * The statement that registers a purchase's lines: one warranty per purchased item (units 1 to the
   * line's quantity, expanded by Postgres, ids made there too), the items registered before skipped (a
   * purchase heard twice, or the sign-off that came first). One statement whatever the number of lines,
   * computed from the payload alone: the purchase handler queues it (ctx.write, ADR 0010) and the sign-off
   * handler runs it in its transaction. A serial number names one item: the line's goes on its first unit.
   */
  registerStatement(p: PurchaseRegistration, lines: LineRegistration[]): Statement {
    return {
      sql: `INSERT INTO warranty (id, order_id, line_id, unit, customer_id, store_id, sku, category, product_name,
          serial_number, quantity, unit_price_minor, currency, warranty_class, term_months, purchased_at,
          delivered_at, starts_at, ends_at, status, created_at)
        SELECT as_uuidv7(clock_timestamp()), $1, l.line_id, u.unit, $2, $3, l.sku, l.category, l.product_name,
          CASE WHEN u.unit = 1 THEN l.serial_number END, l.quantity, l.unit_price_minor, $4, l.warranty_class,
          l.term_months, $5, $6, l.starts_at, l.ends_at, 'active', $7
        FROM jsonb_to_recordset($8::jsonb) AS l(line_id text, sku text, category text, product_name text,
          serial_number text, quantity int, unit_price_minor bigint, warranty_class text, term_months int,
          starts_at timestamptz, ends_at timestamptz)
        CROSS JOIN LATERAL generate_series(1, l.quantity) AS u(unit)
        ON CONFLICT (order_id, line_id, unit) WHERE replaces_id IS NULL DO NOTHING`,
      params: [
        p.orderId,
        p.customerId,
        p.storeId,
        p.currency,
        p.purchasedAt,
        p.deliveredAt,
        p.createdAt,
        JSON.stringify(
          lines.map((l) => ({
            line_id: l.lineId,
            sku: l.sku,
            category: l.category,
            product_name: l.productName,
            serial_number: l.serialNumber,
            quantity: l.quantity,
            unit_price_minor: l.unitPriceMinor,
            warranty_class: l.warrantyClass,
            term_months: l.termMonths,
            starts_at: l.startsAt.toISOString(),
            ends_at: l.endsAt.toISOString(),
          })),
        ),
      ],
    };
  }

  /**
   * Inserts the lines not registered yet (one warranty per order line: a redelivery adds nothing), in one
   * plain multi-row statement: TypeORM's query builder cost most of the catch-up's CPU (docs/benchmarks.md).
   */
  async insertNew(em: EntityManager, rows: WarrantyEntity[]): Promise<void> {
    await insertRows(em, WarrantyEntity, rows, { ignoreConflicts: true });
  }

  /** The order's original (not replacement) warranties still waiting for their sign-off, locked. */
  undeliveredOfOrder(em: EntityManager, orderId: string): Promise<WarrantyEntity[]> {
    return em
      .getRepository(WarrantyEntity)
      .createQueryBuilder('w')
      .where('w.order_id = :orderId AND w.delivered_at IS NULL AND w.replaces_id IS NULL', { orderId })
      .setLock('pessimistic_write')
      .getMany();
  }

  async save(em: EntityManager, warranty: WarrantyEntity): Promise<void> {
    await em.save(WarrantyEntity, warranty);
  }

  findById(id: string, em?: EntityManager): Promise<WarrantyEntity | null> {
    return this.manager(em).findOneBy(WarrantyEntity, { id });
  }

  lockById(em: EntityManager, id: string): Promise<WarrantyEntity | null> {
    return em.getRepository(WarrantyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The active warranty of an order line's first item still covered (the original, or what it was moved to last). */
  findActiveByOrderLine(orderId: string, lineId: string, em?: EntityManager): Promise<WarrantyEntity | null> {
    return this.manager(em).findOne(WarrantyEntity, {
      where: { orderId, lineId, status: 'active' },
      order: { unit: 'ASC', id: 'ASC' },
    });
  }

  /** By serial, order or customer, in registration order (ids are time-ordered), after `afterId`. */
  list(filter: WarrantyFilter, afterId: string | undefined, limit: number): Promise<WarrantyEntity[]> {
    const qb = this.dataSource.getRepository(WarrantyEntity).createQueryBuilder('w');
    if (filter.serialNumber)
      qb.andWhere('w.serial_number = :serialNumber', { serialNumber: filter.serialNumber });
    if (filter.orderId) qb.andWhere('w.order_id = :orderId', { orderId: filter.orderId });
    if (filter.customerId) qb.andWhere('w.customer_id = :customerId', { customerId: filter.customerId });
    if (afterId) qb.andWhere('w.id > :afterId', { afterId });
    return qb.orderBy('w.id', 'ASC').limit(limit).getMany();
  }

  /** Active warranties of a product, by serial number when given, else by order. */
  forCheck(
    sku: string,
    serialNumber: string | undefined,
    orderId: string | undefined,
  ): Promise<WarrantyEntity[]> {
    const where: FindOptionsWhere<WarrantyEntity> = { sku, status: 'active' };
    if (serialNumber) where.serialNumber = serialNumber;
    else if (orderId) where.orderId = orderId;
    else return Promise.resolve([]);
    return this.dataSource.manager.find(WarrantyEntity, { where, order: { endsAt: 'DESC' }, take: 20 });
  }

  /** Crm erased the customer: the warranties stay with the goods, without the link to the person. */
  async unlinkCustomer(em: EntityManager, customerId: string): Promise<number> {
    const [, affected]: [unknown, number] = await em.query(
      `UPDATE warranty SET customer_id = NULL WHERE customer_id = $1`,
      [customerId],
    );
    return affected;
  }
}
