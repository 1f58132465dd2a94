import { notifyOnChange } from '@cx/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The loyalty tables every purchase reads tell each replica when they change (LoyaltyPolicyCache, ADR 9). */
export const LOYALTY_POLICY_CHANNEL = 'crm_loyalty_policy';
const LOYALTY_POLICY_TABLES = ['loyalty_settings', 'loyalty_tier_policy', 'loyalty_campaign'];

export class LoyaltyPolicyNotifications1765200000003 implements MigrationInterface {
  name = 'LoyaltyPolicyNotifications1765200000003';

  async up(q: QueryRunner): Promise<void> {
    for (const table of LOYALTY_POLICY_TABLES) await q.query(notifyOnChange(table, LOYALTY_POLICY_CHANNEL));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of LOYALTY_POLICY_TABLES) await q.query(`DROP TRIGGER tr_${table}_changed ON ${table}`);
  }
}
