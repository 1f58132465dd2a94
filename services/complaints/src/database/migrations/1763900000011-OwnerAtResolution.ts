import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The owner when the complaint was resolved, credited in the KPIs (a later transfer does not move the
 * credit). Complaints resolved before: their current owner, the best guess there is.
 */
export class OwnerAtResolution1763900000011 implements MigrationInterface {
  name = 'OwnerAtResolution1763900000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint ADD COLUMN resolved_owner_id text`);
    await q.query(
      `UPDATE complaint SET resolved_owner_id = owner_id WHERE resolved_at IS NOT NULL OR status IN ('resolved', 'closed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint DROP COLUMN resolved_owner_id`);
  }
}
