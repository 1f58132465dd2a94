import { uuidv7 } from '@cx/contracts';
import { insertRows, insertValues, Statement } from '@cx/platform';
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

const UNITS_PER_STATEMENT = 1_000;

/** A write-only batch joins the items of its purchases into one INSERT (insertValues, ADR 0036). */
const insertWarranties = (tuples: string[], params: unknown[]) =>
  insertValues(
    `INSERT INTO warranty (id, order_id, line_id, unit, customer_id, store_id, sku, category, product_name,
     serial_number, quantity, unit_price_minor, currency, warranty_class, term_months, purchased_at,
     delivered_at, starts_at, ends_at, status, created_at)`,
    tuples.join(', '),
    'ON CONFLICT (order_id, line_id, unit) WHERE replaces_id IS NULL DO NOTHING',
    params,
  );

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

/** What a warranty card shows (WarrantyView), read without the entity's hydration. */
export type WarrantyCard = Omit<WarrantyEntity, 'unitPriceMinor' | 'currency' | 'createdAt'>;

const CARD_COLUMNS = [
  'id',
  'order_id AS "orderId"',
  'line_id AS "lineId"',
  'unit',
  'customer_id AS "customerId"',
  'store_id AS "storeId"',
  'sku',
  'category',
  'product_name AS "productName"',
  'serial_number AS "serialNumber"',
  'quantity',
  'warranty_class AS "warrantyClass"',
  'term_months AS "termMonths"',
  'purchased_at AS "purchasedAt"',
  'delivered_at AS "deliveredAt"',
  'starts_at AS "startsAt"',
  'ends_at AS "endsAt"',
  'status',
  'replaces_id AS "replacesId"',
  'replaced_by_id AS "replacedById"',
].join(', ');

/** The pooled pg connection under a query runner: it prepares a named statement once per connection. */
interface PreparingClient {
  query<T>(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
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
   * line's quantity), the items registered before skipped (a purchase heard twice, or the sign-off that
   * came first). One plain multi-row INSERT whatever the number of lines, computed from the payload alone:
   * the purchase handler queues it (ctx.write, ADR 0010) and the sign-off handler runs it in its
   * transaction. Plain VALUES, not a set expanded by Postgres (jsonb_to_recordset, generate_series): that
   * form cost Postgres twice the CPU per event (docs/benchmarks.md). A serial number names one item: the
   * line's goes on its first unit. What the lines share is written once ($1 to $7). A purchase of more
   * than UNITS_PER_STATEMENT items takes several statements (Postgres takes 65,535 parameters at most).
   */
  registerStatements(p: PurchaseRegistration, lines: LineRegistration[]): Statement[] {
    // Times as ISO text: pg's own Date conversion cost more than the rest of a line's values together.
    const shared = [
      p.orderId,
      p.customerId,
      p.storeId,
      p.currency,
      p.purchasedAt.toISOString(),
      p.deliveredAt?.toISOString() ?? null,
      p.createdAt.toISOString(),
    ];
    const iso = new Map<Date, string>(); // lines of one term share their period's Date objects
    const isoOf = (d: Date) => {
      let text = iso.get(d);
      if (text === undefined) iso.set(d, (text = d.toISOString()));
      return text;
    };
    const statements: Statement[] = [];
    let params: unknown[] = [...shared];
    let tuples: string[] = [];
    const flush = () => {
      statements.push(insertWarranties(tuples, params));
      params = [...shared];
      tuples = [];
    };
    for (const l of lines)
      for (let unit = 1; unit <= l.quantity; unit++) {
        if (tuples.length === UNITS_PER_STATEMENT) flush();
        const n = params.length;
        params.push(
          uuidv7(),
          l.lineId,
          unit,
          l.sku,
          l.category,
          l.productName,
          unit === 1 ? l.serialNumber : null,
          l.quantity,
          l.unitPriceMinor,
          l.warrantyClass,
          l.termMonths,
          isoOf(l.startsAt),
          isoOf(l.endsAt),
        );
        tuples.push(
          `($${n + 1}, $1, $${n + 2}, $${n + 3}, $2, $3, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, ` +
            `$${n + 9}, $4, $${n + 10}, $${n + 11}, $5, $6, $${n + 12}, $${n + 13}, 'active', $7)`,
        );
      }
    if (tuples.length > 0) flush();
    return statements;
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

  /** Up to `items` active warranties of an order line, lowest units first, locked (an exchange moves them). */
  lockActiveOfOrderLine(
    em: EntityManager,
    orderId: string,
    lineId: string,
    items: number,
  ): Promise<WarrantyEntity[]> {
    return em.getRepository(WarrantyEntity).find({
      where: { orderId, lineId, status: 'active' },
      order: { unit: 'ASC', id: 'ASC' },
      take: items,
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The active warranty of an order line's first item still covered (the original, or what it was moved to last). */
  findActiveByOrderLine(orderId: string, lineId: string, em?: EntityManager): Promise<WarrantyEntity | null> {
    return this.manager(em).findOne(WarrantyEntity, {
      where: { orderId, lineId, status: 'active' },
      order: { unit: 'ASC', id: 'ASC' },
    });
  }

  /**
   * By serial, order or customer, in registration order (ids are time-ordered), after `afterId`: one plain
   * statement naming only the filters given, its rows already in the entity's shape. The lookup's profile
   * put TypeORM's query builder and hydration beside the query itself; and a named (prepared) statement
   * is planned once per connection: Postgres spent 0.10 ms of CPU per lookup planning and running the
   * unnamed one, 0.02 ms the named one (docs/benchmarks.md).
   */
  async list(filter: WarrantyFilter, afterId: string | undefined, limit: number): Promise<WarrantyCard[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    let shape = '';
    const add = (key: string, condition: string, value: unknown) => {
      values.push(value);
      where.push(condition.replace('?', `$${values.length}`));
      shape += key;
    };
    if (filter.serialNumber) add('s', 'serial_number = ?', filter.serialNumber);
    if (filter.orderId) add('o', 'order_id = ?', filter.orderId);
    if (filter.customerId) add('c', 'customer_id = ?', filter.customerId);
    if (afterId) add('a', 'id > ?', afterId);
    values.push(limit);
    const text = `SELECT ${CARD_COLUMNS} FROM warranty WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${values.length}`;
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PreparingClient;
      return (await client.query<WarrantyCard>({ name: `aftersales-warranties-${shape}`, text, values }))
        .rows;
    } finally {
      await runner.release();
    }
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
