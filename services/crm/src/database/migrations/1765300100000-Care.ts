import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Care and segments (care/): the lead's rules for segments, who is in which segment now, and the
 * customers segments leave out for good (erased).
 */
export class Care1765300100000 implements MigrationInterface {
  name = 'Care1765300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE care_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        vip_tiers text[] NOT NULL DEFAULT '{gold,diamond}',
        at_risk_factor numeric(6, 2) NOT NULL DEFAULT 2 CHECK (at_risk_factor >= 1),
        at_risk_min_days integer NOT NULL DEFAULT 30 CHECK (at_risk_min_days >= 1),
        rfm_window_days integer NOT NULL DEFAULT 730 CHECK (rfm_window_days BETWEEN 30 AND 3650),
        segments_computed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'migration'
      )`);
    await q.query(`INSERT INTO care_settings (id) VALUES (1)`);
    // Members of a segment in id order: the members list's cursor.
    await q.query(`
      CREATE TABLE segment_member (
        segment text NOT NULL,
        customer_id uuid NOT NULL,
        joined_at timestamptz NOT NULL,
        PRIMARY KEY (segment, customer_id)
      )`);
    await q.query(`CREATE INDEX ix_segment_member_customer ON segment_member (customer_id)`);
    await q.query(`
      CREATE TABLE segment_exclusion (
        customer_id uuid PRIMARY KEY,
        reason text NOT NULL CHECK (reason IN ('erased', 'merged')),
        at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['segment_exclusion', 'segment_member', 'care_settings'])
      await q.query(`DROP TABLE ${table}`);
  }
}
