import { MigrationInterface, QueryRunner } from 'typeorm';

/** Warranty policy (terms by class and category, store zones) and the warranty registry. */
export class Warranty1796529263363 implements MigrationInterface {
  name = 'Warranty1796529263363';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE warranty_term (
        warranty_class text PRIMARY KEY,
        months int NOT NULL CHECK (months BETWEEN 0 AND 120),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'migration'
      )`);
    // Seed 003 3.4: general goods one year, electronics and custom-made goods two years.
    await q.query(
      `INSERT INTO warranty_term (warranty_class, months) VALUES ('general', 12), ('electronics', 24), ('custom-made', 24)`,
    );
    await q.query(`
      CREATE TABLE category_policy (
        category text PRIMARY KEY,
        warranty_months int CHECK (warranty_months BETWEEN 0 AND 120),
        special_returns boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE store_zone (
        store_id text PRIMARY KEY,
        time_zone text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE warranty (
        id uuid PRIMARY KEY,
        order_id text NOT NULL,
        line_id text NOT NULL,
        customer_id uuid,
        store_id text NOT NULL,
        sku text NOT NULL,
        category text NOT NULL,
        product_name text NOT NULL,
        serial_number text,
        quantity int NOT NULL,
        unit_price_minor bigint NOT NULL,
        currency text,
        warranty_class text,
        term_months int NOT NULL,
        purchased_at timestamptz NOT NULL,
        delivered_at timestamptz,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'replaced')),
        replaces_id uuid REFERENCES warranty (id),
        replaced_by_id uuid REFERENCES warranty (id),
        created_at timestamptz NOT NULL
      )`);
    // One warranty per purchased line: a purchase delivered twice registers nothing the second time.
    await q.query(
      `CREATE UNIQUE INDEX ux_warranty_order_line ON warranty (order_id, line_id) WHERE replaces_id IS NULL`,
    );
    await q.query(`CREATE INDEX ix_warranty_order ON warranty (order_id)`);
    await q.query(
      `CREATE INDEX ix_warranty_serial ON warranty (serial_number, id) WHERE serial_number IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_warranty_customer ON warranty (customer_id, id) WHERE customer_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE warranty`);
    await q.query(`DROP TABLE store_zone`);
    await q.query(`DROP TABLE category_policy`);
    await q.query(`DROP TABLE warranty_term`);
  }
}
