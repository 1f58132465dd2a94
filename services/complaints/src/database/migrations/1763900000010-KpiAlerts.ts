import { MigrationInterface, QueryRunner } from 'typeorm';

/** Early-warning alerts: one row per breach, open until the figure recovers (docs/complaints/admin-api.md). */
export class KpiAlerts1763900000010 implements MigrationInterface {
  name = 'KpiAlerts1763900000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_alert (
        id uuid PRIMARY KEY,
        metric text NOT NULL,
        scope text NOT NULL,
        key text NOT NULL,
        value double precision NOT NULL,
        operator text NOT NULL,
        target double precision NOT NULL,
        cases int NOT NULL,
        window_from timestamptz NOT NULL,
        raised_at timestamptz NOT NULL,
        recovered_at timestamptz,
        recovered_value double precision
      )`);
    // One open alert per breach, also against two replicas deciding at once.
    await q.query(
      `CREATE UNIQUE INDEX ux_kpi_alert_open ON kpi_alert (metric, scope, key) WHERE recovered_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_kpi_alert_raised ON kpi_alert (raised_at)`);
    // Per-store figures over a period (early warning, the KPIs of one store): store first, then the time.
    await q.query(
      `CREATE INDEX IF NOT EXISTS ix_complaint_store_received ON complaint (store_id, received_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_complaint_store_received`);
    await q.query(`DROP TABLE kpi_alert`);
  }
}
