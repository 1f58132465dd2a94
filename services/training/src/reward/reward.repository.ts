import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RewardEntity } from './reward.entity';

/** The only place that touches the reward table. */
@Injectable()
export class RewardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the code is taken. */
  async insert(r: RewardEntity): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(RewardEntity)
      .values(r)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  findById(id: string, em?: EntityManager): Promise<RewardEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(RewardEntity).findOneBy({ id });
  }

  list(): Promise<RewardEntity[]> {
    return this.dataSource.getRepository(RewardEntity).find({ order: { code: 'ASC' } });
  }
}
