import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CorrectiveActionEntity, CorrectiveActionStatus } from './corrective-action.entity';

/** A position in the lead's list: due time and id (the cursor's content). */
export type ActionPosition = { dueAt: string; id: string };

/** The only place that touches the corrective_action table. */
@Injectable()
export class CorrectiveActionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, action: CorrectiveActionEntity): Promise<void> {
    await em.getRepository(CorrectiveActionEntity).insert(action);
  }

  findById(id: string): Promise<CorrectiveActionEntity | null> {
    return this.dataSource.getRepository(CorrectiveActionEntity).findOneBy({ id });
  }

  lockById(em: EntityManager, id: string): Promise<CorrectiveActionEntity | null> {
    return em
      .getRepository(CorrectiveActionEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  async save(em: EntityManager, action: CorrectiveActionEntity): Promise<void> {
    await em.getRepository(CorrectiveActionEntity).save(action);
  }

  /**
   * Open actions past due whose overdue event was not sent for this due time, locked; replicas
   * sweeping at once take different rows (SKIP LOCKED).
   */
  claimNewlyOverdue(em: EntityManager, now: Date, limit: number): Promise<CorrectiveActionEntity[]> {
    return em
      .getRepository(CorrectiveActionEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`a.status = 'open' AND a.due_at < :now`, { now })
      .andWhere('a.overdue_notified_for IS DISTINCT FROM a.due_at')
      .orderBy('a.due_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async markOverdueNotified(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(`UPDATE corrective_action SET overdue_notified_for = due_at WHERE id = ANY($1)`, [ids]);
  }

  ofComplaint(complaintId: string): Promise<CorrectiveActionEntity[]> {
    return this.dataSource
      .getRepository(CorrectiveActionEntity)
      .find({ where: { complaintId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Soonest due first; overdue = open and due before `now` (corrective-action.rules.ts isOverdue). */
  list(f: {
    status?: CorrectiveActionStatus;
    overdue?: boolean;
    department?: string;
    causeCode?: string;
    ownerId?: string;
    now: Date;
    after?: ActionPosition;
    limit: number;
  }): Promise<CorrectiveActionEntity[]> {
    const qb = this.dataSource.getRepository(CorrectiveActionEntity).createQueryBuilder('a');
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (f.overdue === true) qb.andWhere(`a.status = 'open' AND a.due_at < :now`, { now: f.now });
    if (f.overdue === false) qb.andWhere(`NOT (a.status = 'open' AND a.due_at < :now)`, { now: f.now });
    if (f.department) qb.andWhere('a.department = :department', { department: f.department });
    if (f.causeCode) qb.andWhere('a.cause_code = :causeCode', { causeCode: f.causeCode });
    if (f.ownerId) qb.andWhere('a.owner_id = :ownerId', { ownerId: f.ownerId });
    if (f.after)
      qb.andWhere('(a.due_at, a.id) > (:afterDue, :afterId)', {
        afterDue: f.after.dueAt,
        afterId: f.after.id,
      });
    return qb.orderBy('a.due_at', 'ASC').addOrderBy('a.id', 'ASC').limit(f.limit).getMany();
  }
}
