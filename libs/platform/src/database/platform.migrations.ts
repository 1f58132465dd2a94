import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox, dead letters and audit log: every service owns its own copy of these tables. */
export class PlatformTables1763800000000 implements MigrationInterface {
  name = 'PlatformTables1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL,
        subject text NOT NULL,
        aggregate_id text NOT NULL,
        payload text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        published_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX ix_outbox_id ON outbox (id)`);
    await q.query(`CREATE INDEX ix_outbox_pending ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX ix_outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL`);
    // NOTIFY is only a wake-up call for the relay (delivered on commit, never stored); polling backs it up.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`
      CREATE TRIGGER tr_outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);

    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        message_id uuid NOT NULL,
        subject text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_inbox PRIMARY KEY (consumer, message_id)
      )`);
    await q.query(`CREATE INDEX ix_inbox_received_at ON inbox (received_at)`);

    await q.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY,
        consumer text NOT NULL,
        message_id text NOT NULL,
        subject text NOT NULL,
        stream_seq bigint,
        deliveries int NOT NULL,
        reason text NOT NULL CHECK (reason IN ('contract', 'max-deliveries', 'no-handler')),
        error text NOT NULL,
        payload text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        replayed_by text,
        replay_error text
      )`);
    await q.query(
      `CREATE INDEX ix_dead_letter_pending ON dead_letter (created_at) WHERE replayed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        fields text[] NOT NULL DEFAULT '{}',
        purpose text,
        trace_id text
      )`);
    await q.query(`CREATE INDEX ix_audit_log_subject ON audit_log (subject_type, subject_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE dead_letter`);
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TRIGGER tr_outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
    await q.query(`DROP TABLE outbox`);
  }
}

/**
 * NOTIFY makes Postgres serialise the commits of every transaction that sends one (a cluster-wide
 * lock at commit): with a NOTIFY per outbox insert, every state change of a service queued behind the
 * others. The relay is now woken in-process after a commit that wrote outbox rows, and polls briefly
 * for rows other replicas wrote (docs/adr/0002).
 */
export class OutboxWakeInProcess1763800000001 implements MigrationInterface {
  name = 'OutboxWakeInProcess1763800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS tr_outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION IF EXISTS outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`
      CREATE TRIGGER tr_outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }
}

/**
 * `cx_notify_change(channel)`: the trigger function behind `notifyOnChange()` (cached-reads.ts). Tables
 * that change rarely and are read on every request (policies) notify their channel on every change,
 * so each replica's cache of them is emptied when the change commits.
 */
export class ChangeNotifications1763800000002 implements MigrationInterface {
  name = 'ChangeNotifications1763800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION cx_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify(TG_ARGV[0], TG_TABLE_NAME); RETURN NULL; END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION cx_notify_change()`);
  }
}

/**
 * The Idempotency-Key store every service shares (IdempotencyKeys, docs/api.md#idempotency-key): one
 * row per (caller, key), claimed in the transaction that creates, with the first answer to replay.
 * Named `idempotent_request` because complaints had its own `idempotency_key` table before this one
 * (its migration 1763900000003 copies those rows here and drops it).
 */
export class IdempotentRequests1763800000003 implements MigrationInterface {
  name = 'IdempotentRequests1763800000003';

  async up(q: QueryRunner): Promise<void> {
    // status and body stay null only inside the claiming transaction (it records them before commit).
    // body is json, not jsonb: a replay gives back the first answer's text, key order included.
    await q.query(`
      CREATE TABLE idempotent_request (
        caller text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        resource_id text,
        status int,
        body json,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_idempotent_request PRIMARY KEY (caller, key)
      )`);
    await q.query(`CREATE INDEX ix_idempotent_request_created_at ON idempotent_request (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotent_request`);
  }
}

/**
 * Uploaded files (evidence photos, documents) in the service's own database by default (FileStorage,
 * ADR 15): content as bytea beside its sha256, type and size; `owner` names the row that refers to it.
 */
export class StoredFiles1763800000004 implements MigrationInterface {
  name = 'StoredFiles1763800000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_file (
        id uuid PRIMARY KEY,
        owner text NOT NULL,
        content_type text NOT NULL,
        size int NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL,
        filename text,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    // Values of a few MB: keep them out of line and uncompressed (photos and PDFs are compressed already).
    await q.query(`ALTER TABLE stored_file ALTER COLUMN content SET STORAGE EXTERNAL`);
    await q.query(`CREATE INDEX ix_stored_file_owner ON stored_file (owner)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stored_file`);
  }
}

/**
 * The notifier's delivery log (libs/platform/src/notify, docs/notifications.md): what was sent to whom
 * is NOT here (no address, no rendered text), only which template about what, by which channel, and
 * what became of it.
 */
export class NotificationDeliveries1763800000005 implements MigrationInterface {
  name = 'NotificationDeliveries1763800000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        template text NOT NULL,
        language text NOT NULL,
        status text NOT NULL CHECK (status IN ('sent', 'bounced', 'failed', 'not-sent')),
        attempts int NOT NULL,
        last_error text,
        about_type text NOT NULL,
        about_id text NOT NULL,
        idempotency_key text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ix_notification_delivery_key ON notification_delivery (idempotency_key)`,
    );
    await q.query(
      `CREATE INDEX ix_notification_delivery_about ON notification_delivery (about_type, about_id)`,
    );
    await q.query(`CREATE INDEX ix_notification_delivery_created ON notification_delivery (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_delivery`);
  }
}

/**
 * Notifications asked for by a service's own events (ADR 31): one row per recipient, written in the
 * event's transaction and sent after the commit by the dispatcher; recipient groups a lead sets.
 * Neither table holds a contact detail: recipients are customer or employee references.
 */
export class NotificationRequests1763800000006 implements MigrationInterface {
  name = 'NotificationRequests1763800000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_request (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('customer', 'staff')),
        recipient_id text NOT NULL,
        purpose text NOT NULL,
        template text NOT NULL,
        params jsonb,
        about_type text NOT NULL,
        about_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'done')),
        due_at timestamptz NOT NULL,
        claimed_at timestamptz,
        rounds int NOT NULL DEFAULT 0,
        outcome text,
        delivery_id uuid,
        note text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // One notification per event, recipient and template: a group listing someone twice sends once.
    await q.query(`CREATE UNIQUE INDEX ux_notification_request_once
      ON notification_request (event_id, recipient_kind, recipient_id, template)`);
    // The claim's order (due_at, id) straight from the index: no sort of every pending row per batch.
    await q.query(
      `CREATE INDEX ix_notification_request_due ON notification_request (due_at, id) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX ix_notification_request_done ON notification_request (updated_at) WHERE status = 'done'`,
    );
    await q.query(`
      CREATE TABLE notification_recipient (
        group_code text NOT NULL,
        store_id text NOT NULL DEFAULT '',
        employee_id text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (group_code, store_id, employee_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_recipient`);
    await q.query(`DROP TABLE notification_request`);
  }
}

export const PLATFORM_MIGRATIONS = [
  PlatformTables1763800000000,
  OutboxWakeInProcess1763800000001,
  ChangeNotifications1763800000002,
  IdempotentRequests1763800000003,
  StoredFiles1763800000004,
  NotificationDeliveries1763800000005,
  NotificationRequests1763800000006,
];
