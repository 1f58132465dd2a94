import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who uploaded each evidence file, so that auditor may read it back. Files stored before this were
 * uploaded by the audit's assigned auditor (the only one allowed to upload): they are credited to them.
 */
export class EvidenceUploader1796535000000 implements MigrationInterface {
  name = 'EvidenceUploader1796535000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_evidence ADD COLUMN created_by text`);
    await q.query(
      `UPDATE audit_evidence e SET created_by = a.auditor_id FROM audit a WHERE a.id = e.audit_id`,
    );
    await q.query(`ALTER TABLE audit_evidence ALTER COLUMN created_by SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_evidence DROP COLUMN created_by`);
  }
}
