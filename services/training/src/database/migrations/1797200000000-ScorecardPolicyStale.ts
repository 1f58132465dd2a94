import { MigrationInterface, QueryRunner } from 'typeorm';

/** A month made stale by a change of the scorecard policy (weights, minimums), not by new facts (scorecard/). */
export class ScorecardPolicyStale1797200000000 implements MigrationInterface {
  name = 'ScorecardPolicyStale1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scorecard_month ADD COLUMN policy_stale boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scorecard_month DROP COLUMN policy_stale`);
  }
}
