import { MigrationInterface, QueryRunner } from 'typeorm';

export class Complaints1763900000000 implements MigrationInterface {
  name = 'Complaints1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE complaint_reference_seq`);
    await q.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        channel text NOT NULL,
        category text NOT NULL,
        urgency text NOT NULL,
        importance text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        is_major boolean NOT NULL,
        departments text[] NOT NULL DEFAULT '{}',
        customer_tier text,
        customer_id uuid,
        complainant_name text,
        complainant_phone text,
        complainant_email text,
        phone_hash text,
        email_hash text,
        store_id text,
        order_id text,
        product_sku text,
        employee_id text,
        description text NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL,
        owner_id text NOT NULL,
        department text,
        received_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        first_response_due_at timestamptz NOT NULL,
        resolution_due_at timestamptz,
        resolution_clock_started_at timestamptz NOT NULL,
        first_response_hours double precision NOT NULL,
        resolution_hours double precision NOT NULL,
        first_responded_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        resolution_summary text,
        first_response_warned_at timestamptz,
        first_response_breached_at timestamptz,
        resolution_warned_at timestamptz,
        resolution_breached_at timestamptz,
        escalation_level int NOT NULL DEFAULT 0,
        is_repeat boolean NOT NULL DEFAULT false,
        repeat_of uuid REFERENCES complaint (id),
        merged_into uuid REFERENCES complaint (id),
        reopen_count int NOT NULL DEFAULT 0,
        satisfaction text CHECK (satisfaction IN ('satisfied', 'dissatisfied')),
        satisfaction_at timestamptz,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_complaint_customer ON complaint (customer_id, received_at)`);
    await q.query(
      `CREATE INDEX ix_complaint_phone_hash ON complaint (phone_hash) WHERE phone_hash IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_complaint_email_hash ON complaint (email_hash) WHERE email_hash IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_complaint_list ON complaint (received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_complaint_status ON complaint (status)`);
    await q.query(`CREATE INDEX ix_complaint_owner ON complaint (owner_id, status)`);
    await q.query(`CREATE INDEX ix_complaint_store ON complaint (store_id, received_at)`);
    await q.query(`CREATE INDEX ix_complaint_product ON complaint (product_sku)`);
    // The SLA sweeper's work list: open complaints by their next deadline.
    await q.query(`CREATE INDEX ix_complaint_first_response_due ON complaint (first_response_due_at)
      WHERE first_responded_at IS NULL AND status NOT IN ('withdrawn', 'closed', 'resolved')`);
    await q.query(`CREATE INDEX ix_complaint_resolution_due ON complaint (resolution_due_at)
      WHERE resolution_due_at IS NOT NULL AND status NOT IN ('withdrawn', 'closed', 'resolved')`);
    await q.query(`CREATE INDEX ix_complaint_resolved ON complaint (resolved_at) WHERE status = 'resolved'`);
    await q.query(
      `CREATE INDEX ix_complaint_search ON complaint USING gin (to_tsvector('simple', reference || ' ' || description))`,
    );

    await q.query(`
      CREATE TABLE complaint_history (
        id bigserial PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_complaint_history ON complaint_history (complaint_id, id)`);
    await q.query(`
      CREATE TABLE complaint_comment (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        author_id text NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('internal', 'customer')),
        body text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_complaint_comment ON complaint_comment (complaint_id, created_at)`);
    await q.query(`
      CREATE TABLE complaint_sla_pause (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        reason text NOT NULL,
        paused_at timestamptz NOT NULL,
        resumed_at timestamptz,
        paused_by text NOT NULL,
        resumed_by text
      )`);
    await q.query(`CREATE INDEX ix_complaint_sla_pause ON complaint_sla_pause (complaint_id, paused_at)`);
    await q.query(
      `CREATE UNIQUE INDEX ux_complaint_open_pause ON complaint_sla_pause (complaint_id) WHERE resumed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE complaint_team_member (
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        member_id text NOT NULL,
        department text NOT NULL,
        role text NOT NULL CHECK (role IN ('lead', 'member')),
        added_at timestamptz NOT NULL,
        PRIMARY KEY (complaint_id, member_id)
      )`);
    await q.query(`
      CREATE TABLE complaint_plan_step (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        position int NOT NULL,
        title text NOT NULL,
        owner_id text NOT NULL,
        department text,
        due_at timestamptz NOT NULL,
        done_at timestamptz,
        outcome text
      )`);
    await q.query(`CREATE INDEX ix_complaint_plan_step ON complaint_plan_step (complaint_id, position)`);
    await q.query(`
      CREATE TABLE idempotency_key (
        principal text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        -- No foreign key: the key is claimed first in the transaction, before the complaint row exists.
        complaint_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (principal, key)
      )`);

    await q.query(`
      CREATE TABLE sla_rule (
        id uuid PRIMARY KEY,
        priority text,
        channel text,
        tier text,
        first_response_hours double precision NOT NULL CHECK (first_response_hours > 0),
        resolution_hours double precision NOT NULL CHECK (resolution_hours > 0),
        business_hours boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE store_calendar (
        store_id text PRIMARY KEY,
        time_zone text NOT NULL,
        weekly jsonb NOT NULL,
        holidays text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE TABLE complaint_category (
        code text PRIMARY KEY,
        name text NOT NULL,
        parent_code text REFERENCES complaint_category (code),
        major boolean NOT NULL DEFAULT false,
        department text,
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query(`
      CREATE TABLE complaint_policy (
        id int PRIMARY KEY CHECK (id = 1),
        repeat_window_days int NOT NULL,
        auto_close_days int NOT NULL,
        reopen_escalation_threshold int NOT NULL,
        warning_lead_minutes int NOT NULL,
        escalation_chain jsonb NOT NULL,
        vip_tiers text[] NOT NULL,
        default_first_response_hours double precision NOT NULL,
        default_resolution_hours double precision NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE customer_tier (
        customer_id uuid PRIMARY KEY,
        tier text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE recorded_order (
        order_id text PRIMARY KEY,
        store_id text NOT NULL,
        customer_id uuid NOT NULL,
        purchased_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_recorded_order_store ON recorded_order (store_id, purchased_at)`);
    await q.query(`CREATE INDEX ix_recorded_order_time ON recorded_order (purchased_at)`);

    // Defaults (docs/complaints/sla.md): answer within 24 h, solve within 72 h; a 30-day repeat
    // window; escalate to the owner's lead at a missed deadline, to management a day later.
    await q.query(`
      INSERT INTO complaint_policy VALUES (1, 30, 7, 2, 120,
        '[{"level":1,"to":"owner-lead","afterMinutes":0},{"level":2,"to":"management","afterMinutes":1440}]',
        '{gold,diamond}', 24, 72, now(), 'migration')`);
    await q.query(`
      INSERT INTO sla_rule (id, priority, channel, tier, first_response_hours, resolution_hours) VALUES
        ('00000000-0000-7000-8000-000000000001', 'P1', NULL, NULL, 4, 24),
        ('00000000-0000-7000-8000-000000000002', 'P2', NULL, NULL, 12, 48),
        ('00000000-0000-7000-8000-000000000003', NULL, NULL, 'diamond', 8, 48)`);
    await q.query(`
      INSERT INTO store_calendar (store_id, time_zone, weekly) VALUES ('*', 'Asia/Shanghai',
        '{"0":[{"from":"10:00","to":"22:00"}],"1":[{"from":"10:00","to":"22:00"}],"2":[{"from":"10:00","to":"22:00"}],
          "3":[{"from":"10:00","to":"22:00"}],"4":[{"from":"10:00","to":"22:00"}],"5":[{"from":"10:00","to":"22:00"}],
          "6":[{"from":"10:00","to":"22:00"}]}')`);
    await q.query(`
      INSERT INTO complaint_category (code, name, parent_code, major, department) VALUES
        ('product-quality', 'Product quality', NULL, false, 'quality'),
        ('service-attitude', 'Service attitude', NULL, false, 'store-operations'),
        ('delivery', 'Delivery', NULL, false, 'logistics'),
        ('after-sales', 'After-sales and repairs', NULL, false, 'after-sales'),
        ('pricing-billing', 'Pricing and billing', NULL, false, 'finance'),
        ('safety', 'Product safety', NULL, true, 'quality'),
        ('privacy', 'Personal data and privacy', NULL, true, 'legal'),
        ('other', 'Other', NULL, false, 'customer-service')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'recorded_order',
      'customer_tier',
      'complaint_policy',
      'complaint_category',
      'store_calendar',
      'sla_rule',
      'idempotency_key',
      'complaint_plan_step',
      'complaint_team_member',
      'complaint_sla_pause',
      'complaint_comment',
      'complaint_history',
      'complaint',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP SEQUENCE complaint_reference_seq`);
  }
}
