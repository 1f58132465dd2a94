import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EnrollmentEntity } from './enrollment.entity';

const COLUMNS =
  'id, employee_id, course_id, reason, plan_id, cause, due_at, status, attended_at, completed_at, created_at, created_by';
/** Their types, for VALUES whose type Postgres cannot take from an INSERT's columns (INSERT ... SELECT). */
const TYPES = [
  'uuid',
  'text',
  'uuid',
  'text',
  'uuid',
  'text',
  'timestamptz',
  'text',
  'timestamptz',
  'timestamptz',
  'timestamptz',
  'text',
];

/**
 * The rows as VALUES tuples, their values appended to `params`. Plain SQL: TypeORM's insert builder cost
 * more CPU than Postgres spent on the row.
 */
function valuesOf(rows: EnrollmentEntity[], params: unknown[]): string {
  return rows
    .map((r) => {
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
      return `(${TYPES.map((t, i) => `$${o + i + 1}::${t}`).join(', ')})`;
    })
    .join(', ');
}

/** The only place that touches the enrollment table (and reads who is active to enrol them). */
@Injectable()
export class EnrollmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts what is not there yet, in one statement: an open enrolment in the same course, or one for
   * the same remedial cause, makes a row a no-op (unique indexes). Returns the rows written.
   */
  async insertNew(em: EntityManager, rows: EnrollmentEntity[]): Promise<EnrollmentEntity[]> {
    if (rows.length === 0) return [];
    const params: unknown[] = [];
    const written = await em.query<{ id: string }[]>(
      `INSERT INTO enrollment (${COLUMNS}) VALUES ${valuesOf(rows, params)} ON CONFLICT DO NOTHING RETURNING id`,
      params,
    );
    const ids = new Set(written.map((r) => r.id));
    return rows.filter((r) => ids.has(r.id));
  }

  /**
   * As insertNew, only for the rows whose employee still works here (one who left, or whom HR never
   * sent, is skipped), found in the same statement; returns the rows written with each one's store.
   */
  async insertNewForActive(
    em: EntityManager,
    rows: EnrollmentEntity[],
  ): Promise<{ enrollment: EnrollmentEntity; storeId: string }[]> {
    if (rows.length === 0) return [];
    const params: unknown[] = [[...new Set(rows.map((r) => r.employeeId))]];
    const values = valuesOf(rows, params);
    const written = await em.query<{ id: string; store_id: string }[]>(
      `WITH e AS (SELECT id, store_id FROM employee WHERE id = ANY($1) AND status = 'active'),
            made AS (
              INSERT INTO enrollment (${COLUMNS})
              SELECT v.* FROM (VALUES ${values}) v (${COLUMNS}) JOIN e ON e.id = v.employee_id
              ON CONFLICT DO NOTHING RETURNING id, employee_id)
       SELECT made.id, e.store_id FROM made JOIN e ON e.id = made.employee_id`,
      params,
    );
    const storeOf = new Map(written.map((r) => [r.id, r.store_id]));
    return rows.flatMap((r) => {
      const storeId = storeOf.get(r.id);
      return storeId === undefined ? [] : [{ enrollment: r, storeId }];
    });
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
