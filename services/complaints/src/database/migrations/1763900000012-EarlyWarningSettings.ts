import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spike detection's and early warning's settings become the lead's (they were SPIKE_* and ALERT_*
 * environment variables, which stay the defaults while the column is null), and the first-response
 * target, held to every complaint in code, becomes a KPI target (1 = every complaint, as before).
 */
export class EarlyWarningSettings1763900000012 implements MigrationInterface {
  name = 'EarlyWarningSettings1763900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_policy ADD COLUMN early_warning jsonb`);
    await q.query(
      `UPDATE complaint_policy SET kpi_targets = kpi_targets || '{"firstResponseInTime": 1}' WHERE NOT kpi_targets ? 'firstResponseInTime'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE complaint_policy SET kpi_targets = kpi_targets - 'firstResponseInTime'`);
    await q.query(`ALTER TABLE complaint_policy DROP COLUMN early_warning`);
  }
}
