import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A store's or touchpoint's scores over a period read from the index alone: csat, nps and satisfied
 * (and the employee, for scores by employee within a store) ride in the (store | touchpoint, time)
 * indexes; invitations sent per store in a period get their own.
 */
export class ScoreIndexes1796534000000 implements MigrationInterface {
  name = 'ScoreIndexes1796534000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_response_store_time`);
    await q.query(`DROP INDEX ix_response_touchpoint_time`);
    await q.query(
      `CREATE INDEX ix_response_store_time ON response (store_id, submitted_at) INCLUDE (csat, nps, satisfied, employee_id)`,
    );
    await q.query(
      `CREATE INDEX ix_response_touchpoint_time ON response (touchpoint, submitted_at) INCLUDE (csat, nps, satisfied)`,
    );
    await q.query(
      `CREATE INDEX ix_invitation_sent ON invitation (store_id, sent_at) WHERE sent_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_invitation_sent`);
    await q.query(`DROP INDEX ix_response_store_time`);
    await q.query(`DROP INDEX ix_response_touchpoint_time`);
    await q.query(`CREATE INDEX ix_response_store_time ON response (store_id, submitted_at)`);
    await q.query(`CREATE INDEX ix_response_touchpoint_time ON response (touchpoint, submitted_at)`);
  }
}
