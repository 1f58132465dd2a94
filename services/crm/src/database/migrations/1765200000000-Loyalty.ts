import { MigrationInterface, QueryRunner } from 'typeorm';

/** The loyalty tables: settings, tier policies, campaigns, the points ledger and balances, tiers held (docs/crm/loyalty.md). */
export class Loyalty1765200000000 implements MigrationInterface {
  name = 'Loyalty1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE loyalty_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        points_per_unit numeric(12, 4) NOT NULL DEFAULT 1 CHECK (points_per_unit >= 0),
        minor_per_unit integer NOT NULL DEFAULT 100 CHECK (minor_per_unit > 0),
        return_window_days integer NOT NULL DEFAULT 7 CHECK (return_window_days >= 0),
        special_return_window_days integer NOT NULL DEFAULT 15 CHECK (special_return_window_days >= 0),
        special_categories text[] NOT NULL DEFAULT '{}',
        expiry_days integer NOT NULL DEFAULT 365 CHECK (expiry_days > 0),
        expiry_reminder_days integer NOT NULL DEFAULT 30 CHECK (expiry_reminder_days >= 0),
        tier_grace_days integer NOT NULL DEFAULT 30 CHECK (tier_grace_days >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'system'
      )`);
    await q.query(`INSERT INTO loyalty_settings (id) VALUES (1)`);
    await q.query(`
      CREATE TABLE loyalty_tier_policy (
        tier text PRIMARY KEY,
        rank integer NOT NULL UNIQUE,
        min_spend_minor bigint NOT NULL CHECK (min_spend_minor >= 0),
        min_purchases integer NOT NULL CHECK (min_purchases >= 0),
        points_multiplier numeric(6, 3) NOT NULL CHECK (points_multiplier >= 0),
        discount_percent numeric(5, 2) NOT NULL CHECK (discount_percent >= 0 AND discount_percent <= 100),
        priority_service boolean NOT NULL,
        dedicated_contact boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'system'
      )`);
    await q.query(`
      INSERT INTO loyalty_tier_policy
        (tier, rank, min_spend_minor, min_purchases, points_multiplier, discount_percent, priority_service, dedicated_contact)
      VALUES
        ('standard', 0, 0, 0, 1, 0, false, false),
        ('silver', 1, 100000, 2, 1.25, 5, false, false),
        ('gold', 2, 500000, 5, 1.5, 10, true, false),
        ('diamond', 3, 2000000, 10, 2, 15, true, true)`);
    await q.query(`
      CREATE TABLE loyalty_campaign (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        multiplier numeric(6, 3) NOT NULL CHECK (multiplier >= 1),
        categories text[] NOT NULL DEFAULT '{}',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX loyalty_campaign_period ON loyalty_campaign (ends_at, starts_at)`);
    await q.query(`
      CREATE TABLE loyalty_purchase (
        purchase_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        order_id text NOT NULL,
        paid_amount_minor bigint NOT NULL CHECK (paid_amount_minor >= 0),
        refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
        purchased_at timestamptz NOT NULL,
        delivered_at timestamptz,
        special_window boolean NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX loyalty_purchase_customer ON loyalty_purchase (customer_id, purchased_at)`);
    await q.query(`
      CREATE TABLE points_lot (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        purchase_id uuid UNIQUE,
        source text NOT NULL CHECK (source IN ('purchase', 'goodwill')),
        points integer NOT NULL CHECK (points >= 0),
        reversed integer NOT NULL DEFAULT 0 CHECK (reversed >= 0 AND reversed <= points),
        remaining integer NOT NULL DEFAULT 0 CHECK (remaining >= 0),
        status text NOT NULL CHECK (status IN ('pending', 'available', 'closed')),
        release_at timestamptz,
        released_at timestamptz,
        expires_at timestamptz,
        reminded_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX points_lot_due ON points_lot (release_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX points_lot_expiry ON points_lot (expires_at) WHERE status = 'available'`);
    await q.query(
      `CREATE INDEX points_lot_customer ON points_lot (customer_id, expires_at, id) WHERE status = 'available'`,
    );
    await q.query(`
      CREATE TABLE points_entry (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        pending_delta integer NOT NULL DEFAULT 0,
        available_delta integer NOT NULL DEFAULT 0,
        debt_delta integer NOT NULL DEFAULT 0,
        lot_id uuid,
        purchase_id uuid,
        reference text,
        reason text,
        actor_id text NOT NULL
      )`);
    await q.query(`CREATE INDEX points_entry_customer ON points_entry (customer_id, at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE points_balance (
        customer_id uuid PRIMARY KEY,
        available integer NOT NULL DEFAULT 0 CHECK (available >= 0),
        pending integer NOT NULL DEFAULT 0 CHECK (pending >= 0),
        debt integer NOT NULL DEFAULT 0 CHECK (debt >= 0),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE customer_tier (
        customer_id uuid PRIMARY KEY,
        tier text NOT NULL,
        since timestamptz NOT NULL,
        at_risk_since timestamptz,
        downgrade_to text,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX customer_tier_at_risk ON customer_tier (at_risk_since) WHERE at_risk_since IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'customer_tier',
      'points_balance',
      'points_entry',
      'points_lot',
      'loyalty_purchase',
      'loyalty_campaign',
      'loyalty_tier_policy',
      'loyalty_settings',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
