import { MigrationInterface, QueryRunner } from 'typeorm';

/** The improvement_measure table (improvement-measure/improvement-measure.entity.ts). */
export class ImprovementMeasure1796553814078 implements MigrationInterface {
  name = 'ImprovementMeasure1796553814078';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE improvement_measure (
        id uuid PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES cx_report (id),
        department text NOT NULL,
        goal text NOT NULL,
        owner_id text NOT NULL,
        due_date date NOT NULL,
        kpi text NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    // The measures of a report (the next report, the list's filter), by department.
    await q.query(
      `CREATE INDEX ix_improvement_measure_report ON improvement_measure (report_id, department)`,
    );
    // The list's order and cursor: newest first, by (created_at, id).
    await q.query(
      `CREATE INDEX ix_improvement_measure_created_at_id ON improvement_measure (created_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE improvement_measure`);
  }
}
