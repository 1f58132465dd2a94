import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales on scorecards (evt.crm.purchase.recorded.v1): the policy gets a sales weight of 0, so existing
 * scores and rankings stay as they were until the lead gives it one, and a minimum of 1 sale.
 */
export class ScorecardSales1797400000000 implements MigrationInterface {
  name = 'ScorecardSales1797400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE scorecard_policy SET weights = '{"sales": 0}'::jsonb || weights, min_samples = '{"sales": 1}'::jsonb || min_samples`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE scorecard_policy SET weights = weights - 'sales', min_samples = min_samples - 'sales'`,
    );
  }
}
