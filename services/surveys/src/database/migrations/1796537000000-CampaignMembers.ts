import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign spread over days in batches (ADR 0025): when it starts, its segment's members are copied
 * into campaign_member in send order (n); each batch invites the members due by then, claimed with
 * SKIP LOCKED, and marks them in the same transaction, so a crash repeats nothing and two replicas
 * share the work. A campaign is 'running' from its start until no member is pending.
 */
export class CampaignMembers1796537000000 implements MigrationInterface {
  name = 'CampaignMembers1796537000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaign DROP CONSTRAINT campaign_status_check`);
    await q.query(
      `ALTER TABLE campaign ADD CONSTRAINT campaign_status_check CHECK (status IN ('planned', 'running', 'done'))`,
    );
    await q.query(`ALTER TABLE campaign ADD COLUMN members int NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE campaign_member (
        campaign_id uuid NOT NULL REFERENCES campaign (id),
        n int NOT NULL,
        customer_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'invited', 'suppressed', 'left')),
        PRIMARY KEY (campaign_id, n)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ux_campaign_member_customer ON campaign_member (campaign_id, customer_id)`,
    );
    // A batch's claim: the pending members of a campaign in send order.
    await q.query(
      `CREATE INDEX ix_campaign_member_pending ON campaign_member (campaign_id, n) WHERE state = 'pending'`,
    );
    // Erasure and merges find a customer's rows.
    await q.query(`CREATE INDEX ix_campaign_member_of ON campaign_member (customer_id)`);
    await q.query(`CREATE INDEX ix_campaign_running ON campaign (start_at) WHERE status = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaign_member`);
    await q.query(`DROP INDEX ix_campaign_running`);
    await q.query(`ALTER TABLE campaign DROP COLUMN members`);
    await q.query(`ALTER TABLE campaign DROP CONSTRAINT campaign_status_check`);
    await q.query(
      `ALTER TABLE campaign ADD CONSTRAINT campaign_status_check CHECK (status IN ('planned', 'done'))`,
    );
  }
}
