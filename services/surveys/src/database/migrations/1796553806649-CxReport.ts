import { MigrationInterface, QueryRunner } from 'typeorm';

/** The cx_report table (cx-report/cx-report.entity.ts). */
export class CxReport1796553806649 implements MigrationInterface {
  name = 'CxReport1796553806649';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cx_report (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        external_ref text,
        active_from timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_cx_report_code ON cx_report (code)`);
    // The list's order and cursor: newest first, by (created_at, id).
    await q.query(`CREATE INDEX ix_cx_report_created_at_id ON cx_report (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cx_report`);
  }
}
