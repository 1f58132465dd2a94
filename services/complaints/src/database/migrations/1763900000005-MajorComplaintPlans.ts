import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A category's emergency plan template: the steps a major complaint of that category starts with
 * (docs/complaints/major-and-incidents.md). Existing categories start with none.
 */
export class MajorComplaintPlans1763900000005 implements MigrationInterface {
  name = 'MajorComplaintPlans1763900000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_category ADD COLUMN plan_template jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_category DROP COLUMN plan_template`);
  }
}
