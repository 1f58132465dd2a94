import { DataSource, EntityManager } from 'typeorm';
import { CreatedAtPosition, newestFirst } from '../database/newest-first';
import { DeadLetterEntity } from '../database/platform.entities';

export interface DeadLetterFilter {
  status: 'pending' | 'replayed' | 'all';
  consumer?: string;
  subject?: string;
  /** Keyset position: rows strictly older than this (created_at, id). */
  after?: CreatedAtPosition;
  limit: number;
}

/** The only place that reads and writes dead letters. */
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: DeadLetterFilter): Promise<DeadLetterEntity[]> {
    const qb = this.dataSource.getRepository(DeadLetterEntity).createQueryBuilder('d');
    if (filter.status === 'pending') qb.andWhere('d.replayed_at IS NULL');
    if (filter.status === 'replayed') qb.andWhere('d.replayed_at IS NOT NULL');
    if (filter.consumer) qb.andWhere('d.consumer = :consumer', { consumer: filter.consumer });
    if (filter.subject) qb.andWhere('d.subject = :subject', { subject: filter.subject });
    return newestFirst(qb, filter.after, filter.limit).getMany();
  }

  find(id: string): Promise<DeadLetterEntity | null> {
    return this.dataSource.getRepository(DeadLetterEntity).findOneBy({ id });
  }

  async markReplayed(id: string, by: string, em?: EntityManager): Promise<void> {
    await (em ?? this.dataSource.manager).update(
      DeadLetterEntity,
      { id },
      { replayedAt: new Date(), replayedBy: by, replayError: null },
    );
  }

  async markReplayFailed(id: string, error: string): Promise<void> {
    await this.dataSource
      .getRepository(DeadLetterEntity)
      .update({ id }, { replayError: error.slice(0, 4000) });
  }
}
