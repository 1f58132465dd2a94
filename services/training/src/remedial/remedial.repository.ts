import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RemedialKind, RemedialSettings } from './remedial.rules';

export interface RemedialRule {
  kind: RemedialKind;
  code: string;
  courseId: string;
}

/** The only place that touches the remedial mapping and settings. */
@Injectable()
export class RemedialRepository {
  constructor(private readonly dataSource: DataSource) {}

  rules(): Promise<RemedialRule[]> {
    return this.dataSource.query<RemedialRule[]>(
      `SELECT kind, code, course_id AS "courseId" FROM remedial_rule ORDER BY kind, code`,
    );
  }

  async settings(): Promise<RemedialSettings> {
    const [row] = await this.dataSource.query<RemedialSettings[]>(
      `SELECT breach_threshold AS "breachThreshold", satisfaction_threshold_pct AS "satisfactionThresholdPct",
              satisfaction_min_responses AS "satisfactionMinResponses", due_days AS "dueDays"
         FROM remedial_settings WHERE id = 1`,
    );
    return row;
  }

  /** The whole mapping and the thresholds replaced, in the caller's transaction. */
  async replace(
    em: EntityManager,
    rules: RemedialRule[],
    s: RemedialSettings,
    at: Date,
    by: string,
  ): Promise<void> {
    await em.query(`DELETE FROM remedial_rule`);
    for (const r of rules)
      await em.query(`INSERT INTO remedial_rule (kind, code, course_id) VALUES ($1, $2, $3)`, [
        r.kind,
        r.code,
        r.courseId,
      ]);
    await em.query(
      `UPDATE remedial_settings SET breach_threshold = $1, satisfaction_threshold_pct = $2,
              satisfaction_min_responses = $3, due_days = $4, updated_at = $5, updated_by = $6 WHERE id = 1`,
      [s.breachThreshold, s.satisfactionThresholdPct, s.satisfactionMinResponses, s.dueDays, at, by],
    );
  }

  /** An employee's survey answers of a month so far, and how many were satisfied. */
  async satisfactionOf(
    em: EntityManager,
    employeeId: string,
    month: string,
  ): Promise<{ responses: number; satisfied: number }> {
    const [row] = await em.query<{ responses: number; satisfied: number }[]>(
      `SELECT count(*)::int AS responses, coalesce(sum(value), 0)::int AS satisfied FROM scorecard_fact
        WHERE scope = 'employee' AND subject_id = $1 AND month = $2 AND kind = 'response'`,
      [employeeId, month],
    );
    return row;
  }
}
