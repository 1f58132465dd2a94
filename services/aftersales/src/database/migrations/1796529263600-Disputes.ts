import { MigrationInterface, QueryRunner } from 'typeorm';

/** Disputes about a return decision or a repair, handled by the dispute group (seed 004 ch. 5), with their history. */
export class Disputes1796529263600 implements MigrationInterface {
  name = 'Disputes1796529263600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dispute (
        id uuid PRIMARY KEY,
        subject_type text NOT NULL CHECK (subject_type IN ('return', 'repair')),
        subject_id uuid NOT NULL,
        customer_id uuid,
        store_id text NOT NULL,
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'resolved')),
        handler_id text,
        major boolean NOT NULL DEFAULT false,
        escalated_at timestamptz,
        escalated_by text,
        resolution text,
        opened_at timestamptz NOT NULL,
        opened_by text NOT NULL,
        resolved_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_dispute_opened ON dispute (opened_at, id)`);
    await q.query(`CREATE INDEX ix_dispute_customer ON dispute (customer_id) WHERE customer_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE dispute_entry (
        id bigserial PRIMARY KEY,
        dispute_id uuid NOT NULL REFERENCES dispute (id),
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX ix_dispute_entry_dispute ON dispute_entry (dispute_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dispute_entry`);
    await q.query(`DROP TABLE dispute`);
  }
}
