import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MonthCounts } from './analytics.rules';

/** Reads the lead's training figures, counted per local month of the zone. */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async monthly(from: Date, to: Date, timeZone: string): Promise<Map<string, MonthCounts>> {
    const rows = await this.dataSource.query<({ month: string } & MonthCounts)[]>(
      `WITH events AS (
         SELECT created_at AS at, 'enrolled' AS what FROM enrollment WHERE created_at >= $1 AND created_at < $2
         UNION ALL
         SELECT completed_at, 'completed' FROM enrollment
          WHERE status = 'completed' AND completed_at >= $1 AND completed_at < $2
         UNION ALL
         -- A failed enrolment closed with its last attempt.
         SELECT max(a.taken_at), 'failed' FROM enrollment x JOIN assessment_attempt a ON a.enrollment_id = x.id
          WHERE x.status = 'failed' GROUP BY x.id HAVING max(a.taken_at) >= $1 AND max(a.taken_at) < $2
         UNION ALL
         SELECT taken_at, CASE WHEN passed THEN 'passed' ELSE 'attempt' END FROM assessment_attempt
          WHERE taken_at >= $1 AND taken_at < $2)
       SELECT to_char(at AT TIME ZONE $3, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE what = 'enrolled')::int AS enrolled,
              count(*) FILTER (WHERE what = 'completed')::int AS completed,
              count(*) FILTER (WHERE what = 'failed')::int AS failed,
              count(*) FILTER (WHERE what IN ('attempt', 'passed'))::int AS attempts,
              count(*) FILTER (WHERE what = 'passed')::int AS passed
         FROM events GROUP BY 1`,
      [from, to, timeZone],
    );
    return new Map(rows.map(({ month, ...c }) => [month, c]));
  }
}
