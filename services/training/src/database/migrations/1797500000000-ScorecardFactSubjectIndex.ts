import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An employee's answers and breaches of a month, counted after each one when a remedial course is mapped
 * to low satisfaction or SLA breaches (`satisfactionOf`, `breachesOf`): without this index each count
 * read every fact of the month, so ingest slowed as the month filled.
 */
export class ScorecardFactSubjectIndex1797500000000 implements MigrationInterface {
  name = 'ScorecardFactSubjectIndex1797500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_scorecard_fact_employee_kind ON scorecard_fact (subject_id, month, kind)
        WHERE scope = 'employee' AND kind IN ('response', 'breach')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_scorecard_fact_employee_kind`);
  }
}
