import { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers' replies threaded into the case file; the text is personal data, encrypted by the service. */
export class CustomerReplies1763900000008 implements MigrationInterface {
  name = 'CustomerReplies1763900000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_reply (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        channel text NOT NULL,
        body text,
        message_ref text,
        received_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_complaint_reply_complaint ON complaint_reply (complaint_id, received_at)`);
    // A reply looks its complaint up by the reference the customer was told (unique index exists).
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_reply`);
  }
}
