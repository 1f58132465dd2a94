import { MigrationInterface, QueryRunner } from 'typeorm';

/** The cx_report table (cx-report/cx-report.entity.ts). */
export class CxReport1796553806649 implements MigrationInterface {
  name = 'CxReport1796553806649';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cx_report (
        id uuid PRIMARY KEY,
        period text NOT NULL CHECK (period IN ('month', 'quarter')),
        label text NOT NULL,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        store_id text,
        language text NOT NULL,
        time_zone text NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'request')),
        file_id uuid NOT NULL,
        size_bytes int NOT NULL,
        figures jsonb NOT NULL,
        missed int NOT NULL,
        unavailable text[] NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    // One scheduled report per period, scope and language, whichever replica makes it.
    await q.query(
      `CREATE UNIQUE INDEX ux_cx_report_scheduled ON cx_report (period, label, coalesce(store_id, ''), language)
        WHERE trigger = 'schedule'`,
    );
    // The report a later one looks back to (its measures), newest first.
    await q.query(
      `CREATE INDEX ix_cx_report_period_label ON cx_report (period, label, store_id, created_at)`,
    );
    // The list's order and cursor: newest first, by (created_at, id).
    await q.query(`CREATE INDEX ix_cx_report_created_at_id ON cx_report (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cx_report`);
  }
}
