import { MigrationInterface, QueryRunner } from 'typeorm';

/** The improvement_measure table (improvement-measure/improvement-measure.entity.ts). */
export class ImprovementMeasure1796553814078 implements MigrationInterface {
  name = 'ImprovementMeasure1796553814078';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE improvement_measure (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        external_ref text,
        active_from timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_improvement_measure_code ON improvement_measure (code)`);
    // The list's order and cursor: newest first, by (created_at, id).
    await q.query(
      `CREATE INDEX ix_improvement_measure_created_at_id ON improvement_measure (created_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE improvement_measure`);
  }
}
