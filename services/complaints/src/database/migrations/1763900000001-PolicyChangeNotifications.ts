import { notifyOnChange } from '@cx/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables PolicyService caches tell every replica when they change (see CachedReads). */
export const POLICY_CHANNEL = 'complaints_policy';
const POLICY_TABLES = ['complaint_policy', 'sla_rule', 'store_calendar', 'complaint_category'];

export class PolicyChangeNotifications1763900000001 implements MigrationInterface {
  name = 'PolicyChangeNotifications1763900000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of POLICY_TABLES) await q.query(notifyOnChange(table, POLICY_CHANNEL));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of POLICY_TABLES) await q.query(`DROP TRIGGER tr_${table}_changed ON ${table}`);
  }
}
