import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rewards a lead defines, paid for with training points (reward/). */
export class Rewards1796900000000 implements MigrationInterface {
  name = 'Rewards1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reward (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        title text NOT NULL,
        cost_points int NOT NULL CHECK (cost_points > 0),
        active boolean NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_reward_code ON reward (code)`);
    await q.query(`ALTER TABLE points_entry ADD COLUMN reward_id uuid REFERENCES reward (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE points_entry DROP COLUMN reward_id`);
    await q.query(`DROP TABLE reward`);
  }
}
