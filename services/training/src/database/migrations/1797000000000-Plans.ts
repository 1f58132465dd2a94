import { MigrationInterface, QueryRunner } from 'typeorm';

/** Yearly training plans and their required courses (plan/). */
export class Plans1797000000000 implements MigrationInterface {
  name = 'Plans1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_plan (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        year int NOT NULL,
        title text NOT NULL,
        kind text NOT NULL,
        store_id text,
        department text,
        role text,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_training_plan_code ON training_plan (code)`);
    await q.query(`CREATE INDEX ix_training_plan_year ON training_plan (year)`);
    await q.query(`
      CREATE TABLE training_plan_course (
        plan_id uuid NOT NULL REFERENCES training_plan (id),
        course_id uuid NOT NULL REFERENCES course (id),
        due_on date NOT NULL,
        PRIMARY KEY (plan_id, course_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_plan_course`);
    await q.query(`DROP TABLE training_plan`);
  }
}
