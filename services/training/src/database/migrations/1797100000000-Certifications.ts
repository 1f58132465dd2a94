import { MigrationInterface, QueryRunner } from 'typeorm';

/** Certifications that expire, and their recertification reminders (certification/). */
export class Certifications1797100000000 implements MigrationInterface {
  name = 'Certifications1797100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE course ADD COLUMN certification_valid_months int CHECK (certification_valid_months > 0)`,
    );
    await q.query(`
      CREATE TABLE certification (
        id uuid PRIMARY KEY,
        employee_id text NOT NULL REFERENCES employee (id),
        course_id uuid NOT NULL REFERENCES course (id),
        enrollment_id uuid NOT NULL UNIQUE REFERENCES enrollment (id),
        certified_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        remind_at timestamptz NOT NULL,
        reminded_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_certification_employee ON certification (employee_id, expires_at)`);
    // The reminder sweep's claim: due reminders not yet sent.
    await q.query(
      `CREATE INDEX ix_certification_remind ON certification (remind_at) WHERE reminded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certification`);
    await q.query(`ALTER TABLE course DROP COLUMN certification_valid_months`);
  }
}
