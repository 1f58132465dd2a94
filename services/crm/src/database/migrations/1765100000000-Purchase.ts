import { MigrationInterface, QueryRunner } from 'typeorm';

/** Purchases, their lines and their refunds (purchase/purchase.entity.ts). */
export class Purchase1765100000000 implements MigrationInterface {
  name = 'Purchase1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE purchase (
        id uuid PRIMARY KEY,
        source text NOT NULL CHECK (source IN ('pos', 'erp', 'eshop')),
        order_id text NOT NULL,
        channel text NOT NULL,
        store_id text NOT NULL,
        customer_id uuid NOT NULL,
        paid_amount_minor bigint NOT NULL CHECK (paid_amount_minor >= 0),
        currency text NOT NULL,
        purchased_at timestamptz NOT NULL,
        delivered_at timestamptz,
        refunded_amount_minor bigint NOT NULL DEFAULT 0,
        content_hash text NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL
      )`);
    // An order id is unique within its source: a repeated POST finds the first one here.
    await q.query(`CREATE UNIQUE INDEX ux_purchase_source_order ON purchase (source, order_id)`);
    // A customer's purchases, newest first, by (purchased_at, id); a refund's purchase by customer and order.
    await q.query(`CREATE INDEX ix_purchase_customer_purchased ON purchase (customer_id, purchased_at, id)`);
    await q.query(`CREATE INDEX ix_purchase_customer_order ON purchase (customer_id, order_id)`);
    await q.query(`
      CREATE TABLE purchase_line (
        purchase_id uuid NOT NULL REFERENCES purchase (id),
        position int NOT NULL,
        line_id text NOT NULL,
        sku text NOT NULL,
        category text NOT NULL,
        product_name text NOT NULL,
        serial_number text,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
        warranty_class text,
        PRIMARY KEY (purchase_id, position),
        UNIQUE (purchase_id, line_id)
      )`);
    await q.query(`
      CREATE TABLE purchase_refund (
        return_id uuid PRIMARY KEY,
        purchase_id uuid NOT NULL REFERENCES purchase (id),
        kind text NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        currency text NOT NULL,
        refunded_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_purchase_refund_purchase ON purchase_refund (purchase_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE purchase_refund`);
    await q.query(`DROP TABLE purchase_line`);
    await q.query(`DROP TABLE purchase`);
  }
}
