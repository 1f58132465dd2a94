import { DataSource, EntityManager } from 'typeorm';
import { DeadLetterEntity } from '../database/platform.entities';

export interface DeadLetterFilter {
  status: 'pending' | 'replayed' | 'all';
  consumer?: string;
  subject?: string;
  /** Keyset position: rows strictly older than this (created_at, id). */
  after?: { createdAt: string; id: string };
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
    if (filter.after)
      qb.andWhere('(d.created_at, d.id) < (:createdAt, :id)', {
        createdAt: filter.after.createdAt,
        id: filter.after.id,
      });
    return qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC').limit(filter.limit).getMany();
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
