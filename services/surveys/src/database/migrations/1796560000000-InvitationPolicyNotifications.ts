import { notifyOnChange } from '@cx/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables InvitationPolicyCache keeps tell every replica when they change (see CachedReads). */
export const INVITATION_POLICY_CHANNEL = 'surveys_invitation_policy';
const INVITATION_POLICY_TABLES = ['survey_trigger', 'survey_settings', 'questionnaire'];

export class InvitationPolicyNotifications1796560000000 implements MigrationInterface {
  name = 'InvitationPolicyNotifications1796560000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of INVITATION_POLICY_TABLES)
      await q.query(notifyOnChange(table, INVITATION_POLICY_CHANNEL));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of INVITATION_POLICY_TABLES)
      await q.query(`DROP TRIGGER tr_${table}_changed ON ${table}`);
  }
}
