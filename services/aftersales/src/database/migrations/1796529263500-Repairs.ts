import { MigrationInterface, QueryRunner } from 'typeorm';

/** Repair orders (the 8 steps of seed 004), technician appointments, the parts catalogue and the price list. */
export class Repairs1796529263500 implements MigrationInterface {
  name = 'Repairs1796529263500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE part (
        code text PRIMARY KEY,
        name text NOT NULL,
        price_minor bigint NOT NULL CHECK (price_minor >= 0),
        currency text NOT NULL,
        active boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE repair_service (
        code text PRIMARY KEY,
        name text NOT NULL,
        labour_minor bigint NOT NULL CHECK (labour_minor >= 0),
        currency text NOT NULL,
        active boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE repair_order (
        id uuid PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('hotline', 'store-visit')),
        customer_id uuid,
        contact_name text,
        contact_phone text,
        store_id text NOT NULL,
        order_id text,
        line_id text,
        sku text NOT NULL,
        serial_number text,
        warranty_id uuid,
        problem text NOT NULL,
        status text NOT NULL,
        technician_id text,
        appointment_at timestamptz,
        findings text,
        quality_fault boolean,
        under_warranty boolean,
        service_code text,
        parts jsonb NOT NULL DEFAULT '[]',
        cost_minor bigint,
        currency text,
        cost_explanation text,
        consent_at timestamptz,
        consent_by text,
        satisfied boolean,
        feedback text,
        service_record text,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        completed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX ix_repair_order_customer ON repair_order (customer_id) WHERE customer_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_repair_order_created ON repair_order (created_at, id)`);
    await q.query(`
      CREATE TABLE appointment (
        id uuid PRIMARY KEY,
        repair_id uuid NOT NULL REFERENCES repair_order (id),
        technician_id text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('booked', 'cancelled')),
        created_at timestamptz NOT NULL
      )`);
    // No double booking: one booked appointment per technician and slot, whoever commits first wins.
    await q.query(
      `CREATE UNIQUE INDEX ux_appointment_slot ON appointment (technician_id, starts_at) WHERE status = 'booked'`,
    );
    await q.query(`CREATE INDEX ix_appointment_repair ON appointment (repair_id)`);
    await q.query(`
      CREATE TABLE repair_step (
        id bigserial PRIMARY KEY,
        repair_id uuid NOT NULL REFERENCES repair_order (id),
        status text NOT NULL,
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX ix_repair_step_repair ON repair_step (repair_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE repair_step`);
    await q.query(`DROP TABLE appointment`);
    await q.query(`DROP TABLE repair_order`);
    await q.query(`DROP TABLE repair_service`);
    await q.query(`DROP TABLE part`);
  }
}
