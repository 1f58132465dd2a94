import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer 360 timeline (timeline/timeline.entity.ts): one row per fact about a customer, fed by
 * events. No personal data: kinds, times, references and a small summary of codes and amounts.
 */
export class Timeline1765300000000 implements MigrationInterface {
  name = 'Timeline1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE timeline_entry (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        source text NOT NULL,
        reference_id text NOT NULL,
        summary jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL
      )`);
    // One entry per fact, also when the producer sends it again under a new message id.
    await q.query(`CREATE UNIQUE INDEX ux_timeline_entry_fact ON timeline_entry (kind, reference_id)`);
    // The timeline's order and cursor: newest first, by (occurred_at, id).
    await q.query(
      `CREATE INDEX ix_timeline_entry_customer ON timeline_entry (customer_id, occurred_at DESC, id DESC)`,
    );
    // Analytics and segments scan one kind over a period.
    await q.query(`CREATE INDEX ix_timeline_entry_kind_time ON timeline_entry (kind, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE timeline_entry`);
  }
}
