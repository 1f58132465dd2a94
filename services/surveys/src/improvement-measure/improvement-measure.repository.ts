import { CreatedAtPosition, newestFirst } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImprovementMeasureEntity } from './improvement-measure.entity';

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
    after: CreatedAtPosition | undefined,
    limit: number,
  ): Promise<ImprovementMeasureEntity[]> {
    const qb = this.dataSource.getRepository(ImprovementMeasureEntity).createQueryBuilder('x');
    if (f.reportId) qb.andWhere('x.report_id = :reportId', { reportId: f.reportId });
    if (f.department) qb.andWhere('x.department = :department', { department: f.department });
    return newestFirst(qb, after, limit).getMany();
  }
}
