import { uuidv7 } from '@cx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TimelineEntryEntity } from './timeline.entity';
import type { TimelineFact, TimelineKind } from './timeline.rules';

export interface TimelinePosition {
  occurredAt: string;
  id: string;
}

/** The only file that touches TypeORM for the timeline. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds the fact in the caller's transaction; a fact already there (same kind and reference) is left as it is. */
  async record(em: EntityManager, fact: TimelineFact, recordedAt: Date): Promise<void> {
    await em.query(
      `INSERT INTO timeline_entry (id, customer_id, kind, occurred_at, source, reference_id, summary, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (kind, reference_id) DO NOTHING`,
      [
        uuidv7(),
        fact.customerId,
        fact.kind,
        fact.occurredAt,
        fact.source,
        fact.referenceId,
        JSON.stringify(fact.summary),
        recordedAt,
      ],
    );
  }

  /** Newest first by (occurred_at, id), strictly after `after` in that order. */
  listForCustomer(
    customerId: string,
    kind: TimelineKind | undefined,
    after: TimelinePosition | undefined,
    limit: number,
  ): Promise<TimelineEntryEntity[]> {
    const qb = this.dataSource
      .getRepository(TimelineEntryEntity)
      .createQueryBuilder('t')
      .where('t.customer_id = :customerId', { customerId })
      .orderBy('t.occurred_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit);
    if (kind) qb.andWhere('t.kind = :kind', { kind });
    if (after)
      qb.andWhere('(t.occurred_at, t.id) < (:at, :id)', { at: new Date(after.occurredAt), id: after.id });
    return qb.getMany();
  }
}
