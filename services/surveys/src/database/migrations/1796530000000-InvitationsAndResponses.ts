import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations, responses, the lead's triggers and settings (invitation/, response/, settings/). */
export class InvitationsAndResponses1796530000000 implements MigrationInterface {
  name = 'InvitationsAndResponses1796530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY,
        token text NOT NULL,
        questionnaire_id uuid NOT NULL REFERENCES questionnaire (id),
        version int NOT NULL,
        trigger text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        customer_id uuid,
        store_id text,
        employee_id text,
        touchpoint text,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        language text NOT NULL,
        priority int NOT NULL,
        status text NOT NULL,
        send_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        claimed_at timestamptz,
        sent_at timestamptz,
        delivery_id uuid,
        note text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_invitation_token ON invitation (token)`);
    // One invitation per triggering case (a redelivered or repeated event makes no second one).
    await q.query(
      `CREATE UNIQUE INDEX ux_invitation_trigger_subject ON invitation (trigger, subject_type, subject_id)
         WHERE trigger <> 'periodic' AND trigger <> 'manual' AND subject_id IS NOT NULL`,
    );
    // The sender's claim: due invitations by time.
    await q.query(
      `CREATE INDEX ix_invitation_due ON invitation (send_at) WHERE status IN ('scheduled', 'sending')`,
    );
    // Fatigue: a customer's invitations around a time.
    await q.query(`CREATE INDEX ix_invitation_customer ON invitation (customer_id, send_at)`);
    await q.query(`CREATE INDEX ix_invitation_status_created ON invitation (status, created_at, id)`);
    await q.query(`
      CREATE TABLE response (
        id uuid PRIMARY KEY,
        invitation_id uuid REFERENCES invitation (id),
        questionnaire_id uuid NOT NULL REFERENCES questionnaire (id),
        version int NOT NULL,
        trigger text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        customer_id uuid,
        store_id text,
        employee_id text,
        touchpoint text,
        answers jsonb NOT NULL,
        csat smallint,
        nps smallint,
        satisfied boolean NOT NULL,
        mode text NOT NULL,
        entered_by text,
        submitted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_response_invitation ON response (invitation_id)`);
    // Scores by store or touchpoint over a period; erasure by customer.
    await q.query(`CREATE INDEX ix_response_store_time ON response (store_id, submitted_at)`);
    await q.query(`CREATE INDEX ix_response_touchpoint_time ON response (touchpoint, submitted_at)`);
    await q.query(`CREATE INDEX ix_response_customer ON response (customer_id)`);
    await q.query(`
      CREATE TABLE survey_trigger (
        trigger text PRIMARY KEY,
        questionnaire_id uuid NOT NULL REFERENCES questionnaire (id),
        delay_minutes int NOT NULL CHECK (delay_minutes >= 0),
        priority int NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE survey_settings (
        id int PRIMARY KEY CHECK (id = 1),
        fatigue_days int NOT NULL CHECK (fatigue_days >= 0),
        invitation_valid_days int NOT NULL CHECK (invitation_valid_days >= 1),
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(
      `INSERT INTO survey_settings (id, fatigue_days, invitation_valid_days, updated_at, updated_by)
       VALUES (1, 30, 14, now(), 'migration')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_settings`);
    await q.query(`DROP TABLE survey_trigger`);
    await q.query(`DROP TABLE response`);
    await q.query(`DROP TABLE invitation`);
  }
}
