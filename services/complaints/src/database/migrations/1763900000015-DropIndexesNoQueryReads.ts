import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes of `complaint` that every intake wrote and no query needs:
 * - `ix_complaint_unlinked_received` (received_at WHERE incident_id IS NULL): spike detection reads a
 *   window of recent complaints, which `ix_complaint_list` (received_at DESC, id DESC) ranges over as
 *   well, the few linked ones filtered out on the way;
 * - `ix_complaint_product` (product_sku): no statement filters by product alone; the repeat lookup
 *   reaches a complainant's earlier cases through the customer, phone and email indexes, and the
 *   analytics group by product within a period read through the time or store indexes.
 * Each was one more index entry (and its share of WAL and dirty pages) per intake and per status
 * change. `test/schema/indexes.spec.ts` and the plan tests (sla-sweeper, incident) hold the rest.
 */
export class DropIndexesNoQueryReads1763900000015 implements MigrationInterface {
  name = 'DropIndexesNoQueryReads1763900000015';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ix_complaint_unlinked_received`);
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ix_complaint_product`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_complaint_unlinked_received ON complaint (received_at) WHERE incident_id IS NULL`,
    );
    await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_complaint_product ON complaint (product_sku)`);
  }
}
