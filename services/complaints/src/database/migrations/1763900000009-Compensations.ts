import { MigrationInterface, QueryRunner } from 'typeorm';

/** What customers were given for complaints, in minor units or points; the analytics sum its cost. */
export class Compensations1763900000009 implements MigrationInterface {
  name = 'Compensations1763900000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_compensation (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        kind text NOT NULL,
        amount_minor bigint,
        currency text,
        points int,
        note text,
        given_at timestamptz NOT NULL,
        given_by text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_complaint_compensation_complaint ON complaint_compensation (complaint_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_compensation`);
  }
}
