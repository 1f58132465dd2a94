import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survey answers about returns are kept beside those about repairs (ADR 0022): surveys' answer to a
 * completed return names the order (`subject.type` 'order') and says `trigger: 'return-completed'`, so the
 * row says what it is about (`kind`) and keeps the repair id or the order number (`subject_id`).
 */
export class ReturnSurveyAnswers1796529264000 implements MigrationInterface {
  name = 'ReturnSurveyAnswers1796529264000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE survey_answer RENAME COLUMN repair_id TO subject_id`);
    await q.query(
      `ALTER TABLE survey_answer ADD COLUMN kind text NOT NULL DEFAULT 'repair' CHECK (kind IN ('repair', 'return'))`,
    );
    await q.query(`ALTER TABLE survey_answer ALTER COLUMN kind DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM survey_answer WHERE kind = 'return'`);
    await q.query(`ALTER TABLE survey_answer DROP COLUMN kind`);
    await q.query(`ALTER TABLE survey_answer RENAME COLUMN subject_id TO repair_id`);
  }
}
