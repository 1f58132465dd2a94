import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImprovementMeasureEntity } from './improvement-measure.entity';

/** A position in the list: its sort key and id (the cursor's content). */
export type ImprovementMeasurePosition = { createdAt: string; id: string };

/** The only place that touches the improvement_measure table. */
@Injectable()
export class ImprovementMeasureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts in the caller's transaction. False when the code is taken, also by a create that commits
   * meanwhile (the unique index decides, so two concurrent creates cannot both get it).
   */
  async insert(em: EntityManager, improvementMeasure: ImprovementMeasureEntity): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(ImprovementMeasureEntity)
      .values(improvementMeasure)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  findById(id: string): Promise<ImprovementMeasureEntity | null> {
    return this.dataSource.getRepository(ImprovementMeasureEntity).findOneBy({ id });
  }

  /** Newest first, after `after` when given; `limit` rows at most. */
  list(after: ImprovementMeasurePosition | undefined, limit: number): Promise<ImprovementMeasureEntity[]> {
    const qb = this.dataSource.getRepository(ImprovementMeasureEntity).createQueryBuilder('x');
    if (after)
      qb.where('(x.created_at, x.id) < (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    return qb.orderBy('x.created_at', 'DESC').addOrderBy('x.id', 'DESC').limit(limit).getMany();
  }
}
