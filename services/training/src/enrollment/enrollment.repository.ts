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
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(EnrollmentEntity)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    const written = new Set((result.raw as { id: string }[]).map((r) => r.id));
    return rows.filter((r) => written.has(r.id));
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
