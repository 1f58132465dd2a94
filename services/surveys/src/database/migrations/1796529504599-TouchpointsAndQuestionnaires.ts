import { MigrationInterface, QueryRunner } from 'typeorm';

/** Key touchpoints and questionnaires with their versions (touchpoint/, questionnaire/). */
export class TouchpointsAndQuestionnaires1796529504599 implements MigrationInterface {
  name = 'TouchpointsAndQuestionnaires1796529504599';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE touchpoint (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name jsonb NOT NULL,
        department text NOT NULL,
        standards jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_touchpoint_code ON touchpoint (code)`);
    await q.query(`CREATE INDEX ix_touchpoint_created_at_id ON touchpoint (created_at, id)`);
    await q.query(`
      CREATE TABLE questionnaire (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        title jsonb NOT NULL,
        current_version int NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_questionnaire_code ON questionnaire (code)`);
    await q.query(`CREATE INDEX ix_questionnaire_created_at_id ON questionnaire (created_at, id)`);
    await q.query(`
      CREATE TABLE questionnaire_version (
        questionnaire_id uuid NOT NULL REFERENCES questionnaire (id),
        version int NOT NULL,
        questions jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        PRIMARY KEY (questionnaire_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE questionnaire_version`);
    await q.query(`DROP TABLE questionnaire`);
    await q.query(`DROP TABLE touchpoint`);
  }
}
