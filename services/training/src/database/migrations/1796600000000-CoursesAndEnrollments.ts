import { MigrationInterface, QueryRunner } from 'typeorm';

/** Courses, enrolments, assessment attempts and training points (course/, enrollment/). */
export class CoursesAndEnrollments1796600000000 implements MigrationInterface {
  name = 'CoursesAndEnrollments1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE course (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        title text NOT NULL,
        topic text NOT NULL,
        format text NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes > 0),
        passing_score int CHECK (passing_score BETWEEN 0 AND 100),
        max_attempts int CHECK (max_attempts > 0),
        points int NOT NULL CHECK (points >= 0),
        service_process boolean NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_course_code ON course (code)`);
    await q.query(`
      CREATE TABLE enrollment (
        id uuid PRIMARY KEY,
        employee_id text NOT NULL REFERENCES employee (id),
        course_id uuid NOT NULL REFERENCES course (id),
        reason text NOT NULL,
        plan_id uuid,
        cause text,
        due_at timestamptz,
        status text NOT NULL,
        attended_at timestamptz,
        completed_at timestamptz,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    // One open enrolment per employee and course; one remedial enrolment per cause, ever.
    await q.query(
      `CREATE UNIQUE INDEX ux_enrollment_open ON enrollment (employee_id, course_id) WHERE status = 'enrolled'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_enrollment_cause ON enrollment (employee_id, course_id, cause) WHERE cause IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_enrollment_employee ON enrollment (employee_id, created_at)`);
    await q.query(`CREATE INDEX ix_enrollment_course ON enrollment (course_id, status)`);
    await q.query(`
      CREATE TABLE assessment_attempt (
        id uuid PRIMARY KEY,
        employee_id text NOT NULL,
        course_id uuid NOT NULL,
        enrollment_id uuid NOT NULL REFERENCES enrollment (id),
        score int NOT NULL,
        passed boolean NOT NULL,
        taken_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_attempt_employee_course ON assessment_attempt (employee_id, course_id)`);
    await q.query(`
      CREATE TABLE points_entry (
        id uuid PRIMARY KEY,
        employee_id text NOT NULL,
        enrollment_id uuid UNIQUE,
        points int NOT NULL,
        reason text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_points_employee ON points_entry (employee_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE points_entry`);
    await q.query(`DROP TABLE assessment_attempt`);
    await q.query(`DROP TABLE enrollment`);
    await q.query(`DROP TABLE course`);
  }
}
