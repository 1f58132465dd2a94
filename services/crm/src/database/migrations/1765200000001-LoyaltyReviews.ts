import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tier reviews (when each tier is next reviewed, how often) and the ledger's order of writing. */
export class LoyaltyReviews1765200000001 implements MigrationInterface {
  name = 'LoyaltyReviews1765200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE loyalty_settings ADD COLUMN tier_review_days integer NOT NULL DEFAULT 30 CHECK (tier_review_days > 0)`,
    );
    await q.query(`ALTER TABLE customer_tier ADD COLUMN next_review_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE customer_tier ALTER COLUMN next_review_at DROP DEFAULT`);
    await q.query(`CREATE INDEX customer_tier_review ON customer_tier (next_review_at)`);
    // Entries written together share a time: the ledger is ordered by when each was written.
    await q.query(`ALTER TABLE points_entry ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`DROP INDEX points_entry_customer`);
    await q.query(`CREATE INDEX points_entry_customer ON points_entry (customer_id, seq DESC)`);
    await q.query(
      `CREATE INDEX points_lot_remind ON points_lot (expires_at) WHERE status = 'available' AND reminded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX points_lot_remind`);
    await q.query(`DROP INDEX points_entry_customer`);
    await q.query(`ALTER TABLE points_entry DROP COLUMN seq`);
    await q.query(`CREATE INDEX points_entry_customer ON points_entry (customer_id, at DESC, id DESC)`);
    await q.query(`DROP INDEX customer_tier_review`);
    await q.query(`ALTER TABLE customer_tier DROP COLUMN next_review_at`);
    await q.query(`ALTER TABLE loyalty_settings DROP COLUMN tier_review_days`);
  }
}
