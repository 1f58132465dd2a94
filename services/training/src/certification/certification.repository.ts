import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface CertificationRow {
  id: string;
  employeeId: string;
  courseId: string;
  enrollmentId: string;
  certifiedAt: Date;
  expiresAt: Date;
  remindAt: Date;
  remindedAt: Date | null;
}

const COLUMNS = `id, employee_id AS "employeeId", course_id AS "courseId", enrollment_id AS "enrollmentId",
  certified_at AS "certifiedAt", expires_at AS "expiresAt", remind_at AS "remindAt", reminded_at AS "remindedAt"`;

/** The only place that touches the certification table. */
@Injectable()
export class CertificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, c: CertificationRow): Promise<void> {
    await em.query(
      `INSERT INTO certification (id, employee_id, course_id, enrollment_id, certified_at, expires_at, remind_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.id, c.employeeId, c.courseId, c.enrollmentId, c.certifiedAt, c.expiresAt, c.remindAt],
    );
  }

  /** Due reminders not yet sent, locked FOR UPDATE SKIP LOCKED: replicas share them, none twice. */
  claimDueReminders(em: EntityManager, now: Date, limit: number): Promise<CertificationRow[]> {
    return em.query<CertificationRow[]>(
      `SELECT ${COLUMNS} FROM certification WHERE reminded_at IS NULL AND remind_at <= $1
        ORDER BY remind_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async markReminded(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query(`UPDATE certification SET reminded_at = $2 WHERE id = $1`, [id, at]);
  }

  ofEmployee(employeeId: string): Promise<CertificationRow[]> {
    return this.dataSource.query<CertificationRow[]>(
      `SELECT ${COLUMNS} FROM certification WHERE employee_id = $1 ORDER BY certified_at, id`,
      [employeeId],
    );
  }
}
