import { MigrationInterface, QueryRunner } from 'typeorm';

/** The lead's remedial training mapping and thresholds (remedial/). */
export class Remedial1796800000000 implements MigrationInterface {
  name = 'Remedial1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE remedial_rule (
        kind text NOT NULL,
        code text NOT NULL,
        course_id uuid NOT NULL REFERENCES course (id),
        PRIMARY KEY (kind, code)
      )`);
    await q.query(`
      CREATE TABLE remedial_settings (
        id smallint PRIMARY KEY CHECK (id = 1),
        breach_threshold int NOT NULL,
        satisfaction_threshold_pct double precision NOT NULL,
        satisfaction_min_responses int NOT NULL,
        due_days int NOT NULL,
        updated_at timestamptz,
        updated_by text
      )`);
    await q.query(
      `INSERT INTO remedial_settings (id, breach_threshold, satisfaction_threshold_pct, satisfaction_min_responses, due_days)
       VALUES (1, 2, 80, 5, 30)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE remedial_settings`);
    await q.query(`DROP TABLE remedial_rule`);
  }
}
