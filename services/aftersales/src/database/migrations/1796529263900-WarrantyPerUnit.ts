import { notifyOnChange } from '@cx/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The policy tables PolicyCache keeps tell every replica when they change (CachedReads, ADR 0009). */
export const POLICY_CHANNEL = 'aftersales_policy';
const POLICY_TABLES = ['warranty_term', 'category_policy', 'store_zone'];

/**
 * One warranty per purchased item (issue 13): a line of quantity 3 gives units 1, 2 and 3, each its own
 * warranty, so the unique key becomes (order, line, unit). Lines already registered get their missing
 * units, whose ids are the line's id with the unit number in its last four (random) bytes: unique, and
 * ordered as the line was.
 */
export class WarrantyPerUnit1796529263900 implements MigrationInterface {
  name = 'WarrantyPerUnit1796529263900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE warranty ADD COLUMN unit int NOT NULL DEFAULT 1 CHECK (unit >= 1)`);
    await q.query(`DROP INDEX ux_warranty_order_line`);
    // One warranty per purchased item: a purchase heard twice registers nothing the second time.
    await q.query(
      `CREATE UNIQUE INDEX ux_warranty_order_line_unit ON warranty (order_id, line_id, unit) WHERE replaces_id IS NULL`,
    );
    await q.query(`
      INSERT INTO warranty (id, order_id, line_id, unit, customer_id, store_id, sku, category, product_name,
        serial_number, quantity, unit_price_minor, currency, warranty_class, term_months, purchased_at,
        delivered_at, starts_at, ends_at, status, created_at)
      SELECT encode(overlay(uuid_send(w.id) PLACING int4send(u.unit) FROM 13 FOR 4), 'hex')::uuid, w.order_id, w.line_id, u.unit, w.customer_id, w.store_id, w.sku,
        w.category, w.product_name, NULL, w.quantity, w.unit_price_minor, w.currency, w.warranty_class,
        w.term_months, w.purchased_at, w.delivered_at, w.starts_at, w.ends_at, 'active', w.created_at
      FROM warranty w CROSS JOIN LATERAL generate_series(2, w.quantity) AS u(unit)
      WHERE w.replaces_id IS NULL AND w.quantity > 1`);
    for (const table of POLICY_TABLES) await q.query(notifyOnChange(table, POLICY_CHANNEL));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of POLICY_TABLES) await q.query(`DROP TRIGGER tr_${table}_changed ON ${table}`);
    await q.query(`DELETE FROM warranty WHERE unit > 1 AND replaces_id IS NULL`);
    await q.query(`DROP INDEX ux_warranty_order_line_unit`);
    await q.query(`ALTER TABLE warranty DROP COLUMN unit`);
    await q.query(
      `CREATE UNIQUE INDEX ux_warranty_order_line ON warranty (order_id, line_id) WHERE replaces_id IS NULL`,
    );
  }
}
