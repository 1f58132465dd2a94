import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No foreign key from response to questionnaire (ADR 0037): its check locked the questionnaire's one
 * row FOR KEY SHARE in every answer's transaction, and with answers arriving together Postgres made a
 * new multixact for that row per answer (measured: one per answer, of 5 to 11 lockers), all of them
 * on one buffer. A response's questionnaire stays certain without it: an online answer's comes from
 * its invitation (which keeps its key to questionnaire), an offline one's version is read before the
 * insert, and no code deletes a questionnaire (its versions' key would refuse it anyway).
 */
export class ResponseWithoutQuestionnaireKey1796538000000 implements MigrationInterface {
  name = 'ResponseWithoutQuestionnaireKey1796538000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE response DROP CONSTRAINT response_questionnaire_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE response ADD CONSTRAINT response_questionnaire_id_fkey
         FOREIGN KEY (questionnaire_id) REFERENCES questionnaire (id)`,
    );
  }
}
