import { MigrationInterface, QueryRunner } from 'typeorm';

/** Mystery-shopper checklists, auditors, audits and corrective actions (audit/). */
export class Audits1796532000000 implements MigrationInterface {
  name = 'Audits1796532000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checklist (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        title jsonb NOT NULL,
        sections jsonb NOT NULL,
        pass_threshold_pct numeric(5, 2) NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_checklist_code ON checklist (code)`);
    await q.query(`
      CREATE TABLE auditor (
        id text PRIMARY KEY,
        home_store_id text,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE audit (
        id uuid PRIMARY KEY,
        checklist_id uuid NOT NULL REFERENCES checklist (id),
        store_id text NOT NULL,
        quarter text NOT NULL,
        auditor_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('assigned', 'completed')),
        results jsonb,
        section_scores jsonb,
        score_pct numeric(5, 2),
        passed boolean,
        staff_on_duty text[] NOT NULL DEFAULT '{}',
        completed_at timestamptz,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    // One audit per store, quarter and checklist.
    await q.query(`CREATE UNIQUE INDEX ux_audit_store_quarter ON audit (store_id, quarter, checklist_id)`);
    await q.query(`CREATE INDEX ix_audit_completed ON audit (completed_at) WHERE status = 'completed'`);
    await q.query(`CREATE INDEX ix_audit_auditor ON audit (auditor_id, status)`);
    await q.query(`
      CREATE TABLE corrective_action (
        id uuid PRIMARY KEY,
        audit_id uuid NOT NULL REFERENCES audit (id),
        store_id text NOT NULL,
        item_key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('immediate', 'correction', 'prevention')),
        description text NOT NULL,
        owner_id text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        closed_at timestamptz,
        closed_by text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_corrective_action_open ON corrective_action (due_at) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX ix_corrective_action_audit ON corrective_action (audit_id)`);
    await q.query(`
      CREATE TABLE audit_evidence (
        id uuid PRIMARY KEY,
        audit_id uuid NOT NULL REFERENCES audit (id),
        item_key text NOT NULL,
        file_id uuid NOT NULL,
        content_type text NOT NULL,
        size int NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_audit_evidence_audit ON audit_evidence (audit_id, item_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_evidence`);
    await q.query(`DROP TABLE corrective_action`);
    await q.query(`DROP TABLE audit`);
    await q.query(`DROP TABLE auditor`);
    await q.query(`DROP TABLE checklist`);
  }
}
