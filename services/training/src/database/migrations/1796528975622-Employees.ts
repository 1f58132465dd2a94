import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff and their assignment history (employee/employee.entity.ts). */
export class Employees1796528975622 implements MigrationInterface {
  name = 'Employees1796528975622';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE employee (
        id text PRIMARY KEY,
        name text NOT NULL,
        work_email text,
        work_email_hash text,
        store_id text NOT NULL,
        department text NOT NULL,
        role text NOT NULL,
        hire_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'left')),
        left_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    // One work email, one employee: the HR sync refuses the second (found by its keyed hash).
    await q.query(`CREATE UNIQUE INDEX ux_employee_work_email_hash ON employee (work_email_hash)`);
    await q.query(`CREATE INDEX ix_employee_store ON employee (store_id, id)`);
    await q.query(`
      CREATE TABLE employee_assignment (
        id uuid PRIMARY KEY,
        employee_id text NOT NULL REFERENCES employee (id),
        store_id text NOT NULL,
        department text NOT NULL,
        role text NOT NULL,
        from_at timestamptz NOT NULL,
        to_at timestamptz,
        CHECK (to_at IS NULL OR to_at >= from_at)
      )`);
    await q.query(
      `CREATE INDEX ix_employee_assignment_employee ON employee_assignment (employee_id, from_at)`,
    );
    await q.query(`CREATE INDEX ix_employee_assignment_store ON employee_assignment (store_id, from_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE employee_assignment`);
    await q.query(`DROP TABLE employee`);
  }
}
