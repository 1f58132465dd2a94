import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { EmployeeAssignmentEntity, EmployeeEntity } from './employee.entity';

/** A position in the list: its sort key (the id) (the cursor's content). */
export type EmployeePosition = { id: string };

/** The only place that touches the employee tables. */
@Injectable()
export class EmployeeRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, em?: EntityManager): Promise<EmployeeEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(EmployeeEntity).findOneBy({ id });
  }

  /** Whether each of `ids` still works here; an unknown id is absent. */
  async activeByIds(ids: string[]): Promise<Map<string, boolean>> {
    const rows = await this.dataSource
      .getRepository(EmployeeEntity)
      .find({ select: { id: true, status: true }, where: { id: In(ids) } });
    return new Map(rows.map((e) => [e.id, e.status === 'active']));
  }

  /** The row, locked FOR UPDATE in the caller's transaction. */
  lockById(em: EntityManager, id: string): Promise<EmployeeEntity | null> {
    return em
      .getRepository(EmployeeEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOne();
  }

  /** Who holds a work email (by its keyed hash), seen from the caller's transaction. */
  async holderOfEmail(em: EntityManager, hash: string): Promise<string | null> {
    const row = await em
      .getRepository(EmployeeEntity)
      .findOne({ where: { workEmailHash: hash }, select: { id: true } });
    return row?.id ?? null;
  }

  async insert(em: EntityManager, e: EmployeeEntity): Promise<void> {
    await em.insert(EmployeeEntity, e);
  }

  async update(em: EntityManager, e: EmployeeEntity): Promise<void> {
    const { id, ...rest } = e;
    await em.update(EmployeeEntity, { id }, rest);
  }

  /** The assignment without an end, if any (none once the employee has left). */
  openAssignment(em: EntityManager, employeeId: string): Promise<EmployeeAssignmentEntity | null> {
    return em
      .getRepository(EmployeeAssignmentEntity)
      .createQueryBuilder('a')
      .where('a.employee_id = :employeeId AND a.to_at IS NULL', { employeeId })
      .getOne();
  }

  async insertAssignment(em: EntityManager, a: EmployeeAssignmentEntity): Promise<void> {
    await em.insert(EmployeeAssignmentEntity, a);
  }

  async closeAssignment(em: EntityManager, id: string, toAt: Date): Promise<void> {
    await em.update(EmployeeAssignmentEntity, { id }, { toAt });
  }

  assignmentsOf(employeeId: string): Promise<EmployeeAssignmentEntity[]> {
    return this.dataSource
      .getRepository(EmployeeAssignmentEntity)
      .find({ where: { employeeId }, order: { fromAt: 'ASC' } });
  }

  /** By employee number, after `after` when given; `limit` rows at most. */
  list(
    filter: { storeId?: string; includeLeft: boolean },
    after: EmployeePosition | undefined,
    limit: number,
  ): Promise<EmployeeEntity[]> {
    const qb = this.dataSource.getRepository(EmployeeEntity).createQueryBuilder('e').where('true');
    if (filter.storeId) qb.andWhere('e.store_id = :storeId', { storeId: filter.storeId });
    if (!filter.includeLeft) qb.andWhere(`e.status = 'active'`);
    if (after) qb.andWhere('e.id > :id', { id: after.id });
    return qb.orderBy('e.id', 'ASC').limit(limit).getMany();
  }

  /** The store an employee worked at, at an instant (the assignment of the time), seen from `em`. */
  async storeAt(em: EntityManager, employeeId: string, at: Date): Promise<string | null> {
    const [row] = await em.query<{ store_id: string }[]>(
      `SELECT store_id FROM employee_assignment
        WHERE employee_id = $1 AND from_at <= $2 AND (to_at IS NULL OR to_at > $2)
        ORDER BY from_at DESC LIMIT 1`,
      [employeeId, at],
    );
    return row?.store_id ?? null;
  }

  /** Current staff (not those who left), for enrolments by plan. */
  active(em: EntityManager): Promise<EmployeeEntity[]> {
    return em.getRepository(EmployeeEntity).find({ where: { status: 'active' }, order: { id: 'ASC' } });
  }
}
