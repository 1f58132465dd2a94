import { MigrationInterface, QueryRunner } from 'typeorm';

/** Store zones, the facts scorecards are built from, months, scorecards, policy, awards (scorecard/, store/). */
export class Scorecards1796700000000 implements MigrationInterface {
  name = 'Scorecards1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE store_zone (
        store_id text PRIMARY KEY,
        time_zone text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    // One row per fact and scope: an employee's fact and the store's copy of it (an audit of a store
    // with three staff observed is one store fact and three employee facts).
    await q.query(`
      CREATE TABLE scorecard_fact (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        scope text NOT NULL CHECK (scope IN ('employee', 'store')),
        subject_id text NOT NULL,
        store_id text,
        month text NOT NULL,
        kind text NOT NULL,
        value double precision,
        ok boolean,
        occurred_at timestamptz NOT NULL,
        source_id text NOT NULL,
        customer_id uuid,
        after_close boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_scorecard_fact_month ON scorecard_fact (month, seq)`);
    await q.query(
      `CREATE INDEX ix_scorecard_fact_customer ON scorecard_fact (customer_id) WHERE customer_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE complaint_copy (
        complaint_id uuid PRIMARY KEY,
        employee_id text,
        store_id text,
        received_at timestamptz NOT NULL,
        resolution_due_at timestamptz NOT NULL,
        resolution_breached boolean NOT NULL DEFAULT false,
        customer_id uuid
      )`);
    await q.query(
      `CREATE INDEX ix_complaint_copy_customer ON complaint_copy (customer_id) WHERE customer_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE scorecard_month (
        month text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        -- Facts up to this sequence are in the stored scorecards; a later one makes the month stale.
        recomputed_seq bigint NOT NULL DEFAULT 0,
        recomputed_at timestamptz,
        closed_at timestamptz,
        closed_by text
      )`);
    await q.query(`
      CREATE TABLE scorecard (
        month text NOT NULL,
        scope text NOT NULL,
        subject_id text NOT NULL,
        store_id text,
        figures jsonb NOT NULL,
        score double precision,
        clears_minimums boolean NOT NULL,
        rank_in_store int,
        rank_overall int,
        PRIMARY KEY (month, scope, subject_id)
      )`);
    await q.query(`
      CREATE TABLE scorecard_policy (
        id smallint PRIMARY KEY CHECK (id = 1),
        weights jsonb NOT NULL,
        min_samples jsonb NOT NULL,
        star_count int NOT NULL,
        updated_at timestamptz,
        updated_by text
      )`);
    await q.query(`
      INSERT INTO scorecard_policy (id, weights, min_samples, star_count) VALUES (1,
        '{"satisfaction": 40, "compliance": 30, "complaintHandling": 20, "training": 10}',
        '{"satisfaction": 5, "compliance": 1, "complaintHandling": 2, "training": 1}', 3)`);
    await q.query(`
      CREATE TABLE staff_satisfaction (
        month text NOT NULL,
        store_id text NOT NULL,
        satisfied_pct double precision NOT NULL,
        respondents int NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        PRIMARY KEY (month, store_id)
      )`);
    await q.query(`
      CREATE TABLE award (
        month text NOT NULL,
        employee_id text NOT NULL,
        store_id text,
        rank int NOT NULL,
        score double precision NOT NULL,
        awarded_at timestamptz NOT NULL,
        PRIMARY KEY (month, employee_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'award',
      'staff_satisfaction',
      'scorecard_policy',
      'scorecard',
      'scorecard_month',
      'complaint_copy',
      'scorecard_fact',
      'store_zone',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
