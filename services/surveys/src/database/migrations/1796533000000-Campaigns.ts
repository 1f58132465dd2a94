import { MigrationInterface, QueryRunner } from 'typeorm';

/** crm segments' members as surveys hears of them, and periodic campaigns to a segment (campaign/). */
export class Campaigns1796533000000 implements MigrationInterface {
  name = 'Campaigns1796533000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE segment_member (
        segment text NOT NULL,
        customer_id uuid NOT NULL,
        since timestamptz NOT NULL,
        PRIMARY KEY (segment, customer_id)
      )`);
    await q.query(`CREATE INDEX ix_segment_member_customer ON segment_member (customer_id)`);
    await q.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY,
        segment text NOT NULL,
        questionnaire_id uuid NOT NULL REFERENCES questionnaire (id),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        priority int NOT NULL,
        start_at timestamptz NOT NULL,
        spread_days int NOT NULL CHECK (spread_days >= 1),
        status text NOT NULL CHECK (status IN ('planned', 'done')),
        invited int NOT NULL DEFAULT 0,
        suppressed int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_campaign_due ON campaign (start_at) WHERE status = 'planned'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaign`);
    await q.query(`DROP TABLE segment_member`);
  }
}
