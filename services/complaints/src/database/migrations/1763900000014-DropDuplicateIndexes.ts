import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes were made twice by later migrations: KpiAlerts' `ix_complaint_store_received` is
 * `ix_complaint_store` (store_id, received_at), and CorrectiveActionOverdueNotices'
 * `corrective_action_open_due` is `ix_corrective_action_open_due` (due_at of open actions). The second
 * copies serve no query the first do not, and each was written on every intake (and every corrective
 * action); test/schema/indexes.spec.ts now refuses a schema with an index twice. Dropped CONCURRENTLY,
 * outside a transaction, so intake goes on while they go.
 */
export class DropDuplicateIndexes1763900000014 implements MigrationInterface {
  name = 'DropDuplicateIndexes1763900000014';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ix_complaint_store_received`);
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS corrective_action_open_due`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_complaint_store_received ON complaint (store_id, received_at)`,
    );
    await q.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS corrective_action_open_due ON corrective_action (due_at) WHERE status = 'open'`,
    );
  }
}
