import { MigrationInterface, QueryRunner } from 'typeorm';

/** The scorecard's complaint targets become a lead's setting (they were constants in analytics/targets.ts). */
export class KpiTargets1763900000002 implements MigrationInterface {
  name = 'KpiTargets1763900000002';

  async up(q: QueryRunner): Promise<void> {
    // The scorecard's complaint targets as the constants had them (docs/complaints/admin-api.md).
    await q.query(`
      ALTER TABLE complaint_policy ADD COLUMN kpi_targets jsonb NOT NULL DEFAULT
        '{"satisfaction": 0.9, "resolutionRate": 0.95, "complaintRate": 0.01, "firstResponseHoursP90": 24, "resolutionHoursP90": 72}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_policy DROP COLUMN kpi_targets`);
  }
}
