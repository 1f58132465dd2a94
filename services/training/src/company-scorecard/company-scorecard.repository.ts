import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Read-only: the staff surveys the leads recorded per store and month (PUT .../staff-satisfaction). */
@Injectable()
export class CompanyScorecardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Staff satisfied and staff asked over the months given (YYYY-MM), of one store or all. */
  async staffSatisfaction(
    months: string[],
    storeId: string | null,
  ): Promise<{ satisfied: number; respondents: number }> {
    const [row] = await this.dataSource.query<{ satisfied: number | null; respondents: number | null }[]>(
      `SELECT sum(satisfied_pct * respondents / 100.0)::float8 AS satisfied, sum(respondents)::int AS respondents
         FROM staff_satisfaction
        WHERE month = ANY($1::text[]) AND ($2::text IS NULL OR store_id = $2)`,
      [months, storeId],
    );
    return { satisfied: row?.satisfied ?? 0, respondents: row?.respondents ?? 0 };
  }
}
