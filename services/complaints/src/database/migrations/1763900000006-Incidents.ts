import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents: one cause behind many complaints, with its own timeline; a complaint belongs to at most
 * one (complaint.incident_id). docs/complaints/major-and-incidents.md.
 */
export class Incidents1763900000006 implements MigrationInterface {
  name = 'Incidents1763900000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE incident_reference_seq`);
    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY,
        reference text NOT NULL,
        title text NOT NULL,
        description text,
        status text NOT NULL,
        source text NOT NULL,
        store_id text,
        product_sku text,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        closed_at timestamptz,
        resolution_summary text
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_incident_reference ON incident (reference)`);
    // The list's order and cursor: newest first, by (created_at, id); filtered by status.
    await q.query(`CREATE INDEX ix_incident_created_at_id ON incident (created_at, id)`);
    await q.query(`CREATE INDEX ix_incident_status ON incident (status)`);
    await q.query(`
      CREATE TABLE incident_event (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident (id),
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_incident_event_incident ON incident_event (incident_id, id)`);
    await q.query(`ALTER TABLE complaint ADD COLUMN incident_id uuid REFERENCES incident (id)`);
    await q.query(
      `CREATE INDEX ix_complaint_incident ON complaint (incident_id) WHERE incident_id IS NOT NULL`,
    );
    // Spike detection reads the recent complaints not yet part of an incident.
    await q.query(
      `CREATE INDEX ix_complaint_unlinked_received ON complaint (received_at) WHERE incident_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint DROP COLUMN incident_id`);
    await q.query(`DROP TABLE incident_event`);
    await q.query(`DROP TABLE incident`);
    await q.query(`DROP SEQUENCE incident_reference_seq`);
  }
}
