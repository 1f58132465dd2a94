import { MigrationInterface, QueryRunner } from 'typeorm';

/** crm's purchases as after-sales needs them, and return / exchange requests with their steps and evidence. */
export class Returns1796529263400 implements MigrationInterface {
  name = 'Returns1796529263400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE purchase (
        order_id text PRIMARY KEY,
        customer_id uuid,
        store_id text NOT NULL,
        purchased_at timestamptz NOT NULL,
        delivered_at timestamptz,
        currency text,
        lines jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE return_request (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('return', 'exchange')),
        order_id text NOT NULL,
        line_id text NOT NULL,
        customer_id uuid,
        store_id text NOT NULL,
        sku text NOT NULL,
        category text NOT NULL,
        quantity int NOT NULL,
        unit_price_minor bigint NOT NULL,
        currency text NOT NULL,
        reason text NOT NULL,
        quality boolean NOT NULL,
        defect_description text,
        special boolean NOT NULL,
        delivered_at timestamptz,
        window_ends_at timestamptz,
        eligible boolean NOT NULL,
        eligibility text NOT NULL,
        status text NOT NULL,
        owner_id text NOT NULL,
        due_at timestamptz,
        rejection_reason text,
        receipt jsonb,
        inspection text,
        refund_amount_minor bigint,
        replacement_sku text,
        replacement_serial_number text,
        warranty_id uuid,
        requested_at timestamptz NOT NULL,
        requested_by text NOT NULL,
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_return_request_order ON return_request (order_id, line_id)`);
    await q.query(
      `CREATE INDEX ix_return_request_customer ON return_request (customer_id) WHERE customer_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_return_request_due ON return_request (due_at) WHERE status NOT IN ('rejected', 'completed')`,
    );
    await q.query(`CREATE INDEX ix_return_request_requested ON return_request (requested_at, id)`);
    await q.query(`
      CREATE TABLE return_step (
        id bigserial PRIMARY KEY,
        return_id uuid NOT NULL REFERENCES return_request (id),
        status text NOT NULL,
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        owner_id text NOT NULL,
        due_at timestamptz,
        note text
      )`);
    await q.query(`CREATE INDEX ix_return_step_return ON return_step (return_id, id)`);
    await q.query(`
      CREATE TABLE return_evidence (
        id uuid PRIMARY KEY,
        return_id uuid NOT NULL REFERENCES return_request (id),
        kind text NOT NULL CHECK (kind IN ('photo', 'proof-of-purchase', 'document')),
        file_id uuid NOT NULL,
        content_type text NOT NULL,
        size int NOT NULL,
        filename text,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_return_evidence_return ON return_evidence (return_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE return_evidence`);
    await q.query(`DROP TABLE return_step`);
    await q.query(`DROP TABLE return_request`);
    await q.query(`DROP TABLE purchase`);
  }
}
