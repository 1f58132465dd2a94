import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each repair step's time limit (as returns have), kept on the order and on each step; open repairs get theirs. */
export class RepairTimeLimits1796529263700 implements MigrationInterface {
  name = 'RepairTimeLimits1796529263700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE repair_order ADD COLUMN due_at timestamptz`);
    await q.query(`ALTER TABLE repair_step ADD COLUMN due_at timestamptz`);
    // Repairs filed before this migration: their current step counts from when it was entered.
    await q.query(`
      UPDATE repair_order o SET due_at = CASE o.status
          WHEN 'requested' THEN s.at + interval '24 hours'
          WHEN 'scheduled' THEN o.appointment_at + interval '25 hours'
          WHEN 'inspected' THEN s.at + interval '72 hours'
          WHEN 'repaired' THEN s.at + interval '24 hours'
          WHEN 'confirmed' THEN s.at + interval '24 hours'
        END
      FROM (SELECT DISTINCT ON (repair_id) repair_id, at FROM repair_step ORDER BY repair_id, id DESC) s
      WHERE s.repair_id = o.id AND o.status NOT IN ('completed', 'cancelled')`);
    await q.query(
      `CREATE INDEX ix_repair_order_due ON repair_order (due_at) WHERE status NOT IN ('completed', 'cancelled')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_repair_order_due`);
    await q.query(`ALTER TABLE repair_step DROP COLUMN due_at`);
    await q.query(`ALTER TABLE repair_order DROP COLUMN due_at`);
  }
}
