import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AttemptEntity, PointsEntryEntity } from './record.entity';

/** The only place that touches attempts and points. */
@Injectable()
export class RecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Attempts of an employee at a course, over every enrolment (the caller holds the enrolment's lock). */
  countAttempts(em: EntityManager, employeeId: string, courseId: string): Promise<number> {
    return em.getRepository(AttemptEntity).countBy({ employeeId, courseId });
  }

  async insertAttempt(em: EntityManager, a: AttemptEntity): Promise<void> {
    await em.insert(AttemptEntity, a);
  }

  async insertPoints(em: EntityManager, p: PointsEntryEntity): Promise<void> {
    await em.insert(PointsEntryEntity, p);
  }

  attemptsOf(employeeId: string): Promise<AttemptEntity[]> {
    return this.dataSource
      .getRepository(AttemptEntity)
      .find({ where: { employeeId }, order: { takenAt: 'ASC', id: 'ASC' } });
  }

  async pointsOf(employeeId: string): Promise<number> {
    const row = await this.dataSource
      .getRepository(PointsEntryEntity)
      .createQueryBuilder('p')
      .select('COALESCE(SUM(p.points), 0)::int', 'total')
      .where('p.employee_id = :employeeId', { employeeId })
      .getRawOne<{ total: number }>();
    return row?.total ?? 0;
  }
}
