import { DisputeSubject } from '@cx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DisputeEntity, DisputeEntryEntity } from './dispute.entity';

export type DisputePosition = { openedAt: string; id: string };

/** The only place that touches the dispute tables. */
@Injectable()
export class DisputeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The store and customer of what is disputed, or null when there is no such return or repair. */
  async subject(
    type: DisputeSubject,
    id: string,
  ): Promise<{ storeId: string; customerId: string | null } | null> {
    const table = type === 'return' ? 'return_request' : 'repair_order';
    const rows: { store_id: string; customer_id: string | null }[] = await this.dataSource.query(
      `SELECT store_id, customer_id FROM ${table} WHERE id = $1`,
      [id],
    );
    return rows[0] ? { storeId: rows[0].store_id, customerId: rows[0].customer_id } : null;
  }

  async insert(em: EntityManager, d: DisputeEntity): Promise<void> {
    await em.insert(DisputeEntity, d);
  }

  async save(em: EntityManager, d: DisputeEntity): Promise<void> {
    await em.save(DisputeEntity, d);
  }

  async addEntry(em: EntityManager, e: Omit<DisputeEntryEntity, 'id'>): Promise<void> {
    await em.insert(DisputeEntryEntity, e);
  }

  lockById(em: EntityManager, id: string): Promise<DisputeEntity | null> {
    return em.getRepository(DisputeEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string): Promise<DisputeEntity | null> {
    return this.dataSource.manager.findOneBy(DisputeEntity, { id });
  }

  history(disputeId: string): Promise<DisputeEntryEntity[]> {
    return this.dataSource.manager.find(DisputeEntryEntity, { where: { disputeId }, order: { id: 'ASC' } });
  }

  list(
    filter: { status?: 'open' | 'resolved'; major?: boolean },
    after: DisputePosition | undefined,
    limit: number,
  ): Promise<DisputeEntity[]> {
    const qb = this.dataSource.getRepository(DisputeEntity).createQueryBuilder('d');
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (filter.major !== undefined) qb.andWhere('d.major = :major', { major: filter.major });
    if (after)
      qb.andWhere('(d.opened_at, d.id) < (:openedAt, :id)', { openedAt: after.openedAt, id: after.id });
    return qb.orderBy('d.opened_at', 'DESC').addOrderBy('d.id', 'DESC').limit(limit).getMany();
  }

  async unlinkCustomer(em: EntityManager, customerId: string): Promise<void> {
    await em.query(`UPDATE dispute SET customer_id = NULL WHERE customer_id = $1`, [customerId]);
  }
}
