import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The due time an action's overdue event was sent for: sent once per due time, and again when a lead
 * found the action did not work and gave it a new due time that passes too. Actions already overdue
 * when this runs are announced at the next sweep.
 */
export class CorrectiveActionOverdueNotices1763900000013 implements MigrationInterface {
  name = 'CorrectiveActionOverdueNotices1763900000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE corrective_action ADD COLUMN overdue_notified_for timestamptz`);
    // The sweep's search: open actions by due time.
    await q.query(
      `CREATE INDEX corrective_action_open_due ON corrective_action (due_at) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX corrective_action_open_due`);
    await q.query(`ALTER TABLE corrective_action DROP COLUMN overdue_notified_for`);
  }
}
