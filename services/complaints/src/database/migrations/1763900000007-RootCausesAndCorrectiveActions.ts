import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Root causes and corrective actions (seed 000 "improvement", 003 ch. 6 PDCA): the cause taxonomy the
 * lead edits, the cause and responsible department recorded at resolution, and corrective actions
 * tracked to verification. docs/complaints/root-causes.md.
 */
export class RootCausesAndCorrectiveActions1763900000007 implements MigrationInterface {
  name = 'RootCausesAndCorrectiveActions1763900000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cause_code (
        code text PRIMARY KEY,
        name text NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query(`
      INSERT INTO cause_code (code, name) VALUES
        ('product-quality', 'Product quality'),
        ('service-attitude', 'Service attitude'),
        ('process', 'Process or policy'),
        ('logistics', 'Logistics and delivery'),
        ('pricing-billing', 'Pricing and billing'),
        ('information', 'Product information or advice'),
        ('system', 'Systems and tools'),
        ('customer-misunderstanding', 'Customer misunderstanding'),
        ('other', 'Other')`);
    await q.query(`ALTER TABLE complaint ADD COLUMN cause_code text, ADD COLUMN responsible_department text`);
    await q.query(`
      CREATE TABLE corrective_action (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        cause_code text,
        department text,
        title text NOT NULL,
        owner_id text NOT NULL,
        due_at timestamptz NOT NULL,
        verification text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        done_at timestamptz,
        done_by text,
        outcome text,
        verified_at timestamptz,
        verified_by text,
        verification_note text
      )`);
    await q.query(`CREATE INDEX ix_corrective_action_complaint ON corrective_action (complaint_id)`);
    // The lead's list: newest due first by cursor; overdue = open and past due.
    await q.query(`CREATE INDEX ix_corrective_action_due ON corrective_action (due_at, id)`);
    await q.query(
      `CREATE INDEX ix_corrective_action_open_due ON corrective_action (due_at) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE corrective_action`);
    await q.query(`ALTER TABLE complaint DROP COLUMN cause_code, DROP COLUMN responsible_department`);
    await q.query(`DROP TABLE cause_code`);
  }
}
