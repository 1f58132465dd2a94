import { insertUnlessTaken } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RewardEntity } from './reward.entity';

/** The only place that touches the reward table. */
@Injectable()
export class RewardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the code is taken. */
  insert(r: RewardEntity): Promise<boolean> {
    return insertUnlessTaken(this.dataSource.manager, RewardEntity, r);
  }

  findById(id: string, em?: EntityManager): Promise<RewardEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(RewardEntity).findOneBy({ id });
  }

  list(): Promise<RewardEntity[]> {
    return this.dataSource.getRepository(RewardEntity).find({ order: { code: 'ASC' } });
  }
}
