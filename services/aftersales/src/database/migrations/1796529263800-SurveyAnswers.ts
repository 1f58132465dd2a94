import { MigrationInterface, QueryRunner } from 'typeorm';

/** Survey answers about repairs (surveys' response events): the satisfaction KPI counts them per period and store. */
export class SurveyAnswers1796529263800 implements MigrationInterface {
  name = 'SurveyAnswers1796529263800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_answer (
        response_id uuid PRIMARY KEY,
        repair_id text NOT NULL,
        store_id text,
        satisfied boolean NOT NULL,
        submitted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_survey_answer_submitted ON survey_answer (submitted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_answer`);
  }
}
