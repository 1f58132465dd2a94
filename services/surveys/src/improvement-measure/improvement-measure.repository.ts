import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImprovementMeasureEntity } from './improvement-measure.entity';

/** A position in the list: its sort key and id (the cursor's content). */
export type ImprovementMeasurePosition = { createdAt: string; id: string };

/** The only place that writes the improvement_measure table (the report reads it through its own repository). */
@Injectable()
export class ImprovementMeasureRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, measure: ImprovementMeasureEntity): Promise<void> {
    await em.getRepository(ImprovementMeasureEntity).insert(measure);
  }

  findById(id: string): Promise<ImprovementMeasureEntity | null> {
    return this.dataSource.getRepository(ImprovementMeasureEntity).findOneBy({ id });
  }

  lockById(em: EntityManager, id: string): Promise<ImprovementMeasureEntity | null> {
    return em
      .getRepository(ImprovementMeasureEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .getOne();
  }

  async save(em: EntityManager, measure: ImprovementMeasureEntity): Promise<void> {
    await em.getRepository(ImprovementMeasureEntity).save(measure);
  }

  /** Newest first, after `after` when given; `limit` rows at most. */
  list(
    f: { reportId?: string; department?: string },
    after: ImprovementMeasurePosition | undefined,
    limit: number,
  ): Promise<ImprovementMeasureEntity[]> {
    const qb = this.dataSource.getRepository(ImprovementMeasureEntity).createQueryBuilder('x');
    if (f.reportId) qb.andWhere('x.report_id = :reportId', { reportId: f.reportId });
    if (f.department) qb.andWhere('x.department = :department', { department: f.department });
    if (after)
      qb.andWhere('(x.created_at, x.id) < (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    return qb.orderBy('x.created_at', 'DESC').addOrderBy('x.id', 'DESC').limit(limit).getMany();
  }
}
