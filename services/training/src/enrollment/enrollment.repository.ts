import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EnrollmentEntity } from './enrollment.entity';

/** The only place that touches the enrollment table. */
@Injectable()
export class EnrollmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts what is not there yet, in one statement: an open enrolment in the same course, or one for
   * the same remedial cause, makes a row a no-op (unique indexes). Returns the rows written.
   */
  async insertNew(em: EntityManager, rows: EnrollmentEntity[]): Promise<EnrollmentEntity[]> {
    if (rows.length === 0) return [];
    // Plain SQL: TypeORM's insert builder cost more CPU than Postgres spent on the row.
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const o = params.length;
      params.push(
        r.id,
        r.employeeId,
        r.courseId,
        r.reason,
        r.planId,
        r.cause,
        r.dueAt,
        r.status,
        r.attendedAt,
        r.completedAt,
        r.createdAt,
        r.createdBy,
      );
      return `(${Array.from({ length: 12 }, (_, i) => `$${o + i + 1}`).join(', ')})`;
    });
    const written = await em.query<{ id: string }[]>(
      `INSERT INTO enrollment (id, employee_id, course_id, reason, plan_id, cause, due_at, status, attended_at,
              completed_at, created_at, created_by)
       VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING id`,
      params,
    );
    const ids = new Set(written.map((r) => r.id));
    return rows.filter((r) => ids.has(r.id));
  }

  /** With `em`, as the caller's transaction sees it (an enrolment it has just made). */
  findById(id: string, em?: EntityManager): Promise<EnrollmentEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(EnrollmentEntity).findOneBy({ id });
  }

  lockById(em: EntityManager, id: string): Promise<EnrollmentEntity | null> {
    return em
      .getRepository(EnrollmentEntity)
      .createQueryBuilder('x')
      .setLock('pessimistic_write')
      .where('x.id = :id', { id })
      .getOne();
  }

  async update(em: EntityManager, e: EnrollmentEntity): Promise<void> {
    const { id, ...rest } = e;
    await em.update(EnrollmentEntity, { id }, rest);
  }

  ofEmployee(employeeId: string): Promise<EnrollmentEntity[]> {
    return this.dataSource
      .getRepository(EnrollmentEntity)
      .find({ where: { employeeId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
