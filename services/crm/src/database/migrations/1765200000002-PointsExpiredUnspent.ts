import { MigrationInterface, QueryRunner } from 'typeorm';

/** What of a lot expired unspent: a later refund takes those points back without making a debt. */
export class PointsExpiredUnspent1765200000002 implements MigrationInterface {
  name = 'PointsExpiredUnspent1765200000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE points_lot ADD COLUMN expired integer NOT NULL DEFAULT 0 CHECK (expired >= 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE points_lot DROP COLUMN expired`);
  }
}
