import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language the customer wants to be written to (`zh-CN`, `en`; null: not said, zh-CN is used).
 * Not personal data that needs encryption: a plain nullable column, added without a table rewrite.
 */
export class CustomerPreferredLanguage1765500000000 implements MigrationInterface {
  name = 'CustomerPreferredLanguage1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer ADD COLUMN IF NOT EXISTS preferred_language text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer DROP COLUMN IF EXISTS preferred_language`);
  }
}
