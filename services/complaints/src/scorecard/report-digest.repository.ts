import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OpenAlertRow {
  id: string;
  metric: string;
  scope: string;
  key: string;
  value: number;
  target: number;
  raised_at: Date;
}

export interface UnverifiedActionRow {
  id: string;
  title: string;
  department: string | null;
  owner_id: string;
  due_at: Date;
  status: string;
}

/** Read-only: what the periodic CX report shows of complaints' open alerts and corrective actions. */
@Injectable()
export class ReportDigestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** KPI alerts not yet recovered, oldest first; of one store (its store alerts) or all. */
  openAlerts(storeId: string | null, limit: number): Promise<OpenAlertRow[]> {
    return this.dataSource.query(
      `SELECT id, metric, scope, key, value, target, raised_at FROM kpi_alert
        WHERE recovered_at IS NULL AND ($1::text IS NULL OR (scope = 'store' AND key = $1))
        ORDER BY raised_at, id LIMIT $2`,
      [storeId, limit],
    );
  }

  /** Corrective actions not yet verified (open or done), soonest due first; of one store's complaints or all. */
  unverifiedActions(storeId: string | null, limit: number): Promise<UnverifiedActionRow[]> {
    return this.dataSource.query(
      `SELECT a.id, a.title, a.department, a.owner_id, a.due_at, a.status FROM corrective_action a
        WHERE a.status <> 'verified'
          AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM complaint c WHERE c.id = a.complaint_id AND c.store_id = $1))
        ORDER BY a.due_at, a.id LIMIT $2`,
      [storeId, limit],
    );
  }
}
