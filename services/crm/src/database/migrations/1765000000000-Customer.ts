import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer profiles (customer/customer.entity.ts): personal columns hold AES-256-GCM tokens, lookups go
 * through keyed hashes (docs/personal-data.md), consent per purpose and channel with its history, and
 * the lead's retention setting.
 */
export class Customer1765000000000 implements MigrationInterface {
  name = 'Customer1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer (
        id uuid PRIMARY KEY,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'erased')),
        name text,
        phone text,
        email text,
        birthday text,
        gender text,
        phone_hash text,
        email_hash text,
        birthday_month_day smallint CHECK (birthday_month_day BETWEEN 101 AND 1231),
        preferred_sizes text[] NOT NULL DEFAULT '{}',
        preferred_colours text[] NOT NULL DEFAULT '{}',
        preferred_categories text[] NOT NULL DEFAULT '{}',
        registration_channel text NOT NULL,
        registration_store_id text,
        merged_into_id uuid REFERENCES customer (id),
        merged_at timestamptz,
        erased_at timestamptz,
        last_activity_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL DEFAULT 1
      )`);
    // The same phone or email cannot make two customers (NULLs, e.g. after erasure, never collide).
    await q.query(`CREATE UNIQUE INDEX ux_customer_phone_hash ON customer (phone_hash)`);
    await q.query(`CREATE UNIQUE INDEX ux_customer_email_hash ON customer (email_hash)`);
    // The list's order and cursor: newest first, by (created_at, id).
    await q.query(`CREATE INDEX ix_customer_created_at_id ON customer (created_at, id)`);
    await q.query(
      `CREATE INDEX ix_customer_merged_into ON customer (merged_into_id) WHERE merged_into_id IS NOT NULL`,
    );
    // The retention job's work list: profiles not erased, oldest activity first.
    await q.query(
      `CREATE INDEX ix_customer_last_activity ON customer (last_activity_at) WHERE status <> 'erased'`,
    );
    // Birthday care reads month and day only (the full date stays encrypted).
    await q.query(
      `CREATE INDEX ix_customer_birthday ON customer (birthday_month_day) WHERE birthday_month_day IS NOT NULL`,
    );

    // Current consent per purpose and channel; every change also goes to the history below.
    await q.query(`
      CREATE TABLE customer_consent (
        customer_id uuid NOT NULL REFERENCES customer (id),
        purpose text NOT NULL,
        channel text NOT NULL,
        granted boolean NOT NULL,
        changed_at timestamptz NOT NULL,
        source text NOT NULL,
        PRIMARY KEY (customer_id, purpose, channel)
      )`);
    await q.query(`
      CREATE TABLE customer_consent_history (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer (id),
        purpose text NOT NULL,
        channel text NOT NULL,
        granted boolean NOT NULL,
        changed_at timestamptz NOT NULL,
        source text NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_customer_consent_history ON customer_consent_history (customer_id, recorded_at, id)`,
    );

    // The lead's retention setting: one row.
    await q.query(`
      CREATE TABLE customer_retention_policy (
        id smallint PRIMARY KEY CHECK (id = 1),
        inactive_days int NOT NULL CHECK (inactive_days BETWEEN 30 AND 36500),
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(
      `INSERT INTO customer_retention_policy (id, inactive_days, updated_at, updated_by) VALUES (1, 1095, now(), 'migration')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_retention_policy`);
    await q.query(`DROP TABLE customer_consent_history`);
    await q.query(`DROP TABLE customer_consent`);
    await q.query(`DROP TABLE customer`);
  }
}
