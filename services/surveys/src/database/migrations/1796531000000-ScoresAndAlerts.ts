import { MigrationInterface, QueryRunner } from 'typeorm';

/** The early warning's target and state per store and touchpoint (scores/). */
export class ScoresAndAlerts1796531000000 implements MigrationInterface {
  name = 'ScoresAndAlerts1796531000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE survey_settings
        ADD COLUMN satisfaction_target numeric(5, 4) NOT NULL DEFAULT 0.9,
        ADD COLUMN alert_min_answers int NOT NULL DEFAULT 20,
        ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Shanghai'`);
    await q.query(`
      CREATE TABLE survey_alert_state (
        scope_type text NOT NULL CHECK (scope_type IN ('store', 'touchpoint')),
        scope_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('ok', 'breached')),
        value numeric(6, 4),
        answers int NOT NULL,
        period text NOT NULL,
        last_alert_id uuid,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (scope_type, scope_key)
      )`);
    await q.query(`
      CREATE TABLE survey_alert (
        id uuid PRIMARY KEY,
        scope_type text NOT NULL,
        scope_key text NOT NULL,
        value numeric(6, 4) NOT NULL,
        threshold numeric(5, 4) NOT NULL,
        answers int NOT NULL,
        period text NOT NULL,
        raised_at timestamptz NOT NULL,
        recovered_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_survey_alert_open ON survey_alert (raised_at) WHERE recovered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_alert`);
    await q.query(`DROP TABLE survey_alert_state`);
    await q.query(
      `ALTER TABLE survey_settings DROP COLUMN satisfaction_target, DROP COLUMN alert_min_answers, DROP COLUMN time_zone`,
    );
  }
}
