import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ReturnEvidenceEntity, ReturnRequestEntity, ReturnStepEntity } from './return.entity';
import type { ReturnStatus } from './status';

export interface ReturnFilter {
  status?: ReturnStatus;
  storeId?: string;
  orderId?: string;
  customerId?: string;
  /** Only those past their step's limit at this instant. */
  overdueAt?: Date;
}

export type ReturnPosition = { requestedAt: string; id: string };

/** The only place that touches the return tables. */
@Injectable()
export class ReturnRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, r: ReturnRequestEntity): Promise<void> {
    await em.insert(ReturnRequestEntity, r);
  }

  async save(em: EntityManager, r: ReturnRequestEntity): Promise<void> {
    await em.save(ReturnRequestEntity, r);
  }

  async addStep(em: EntityManager, step: Omit<ReturnStepEntity, 'id'>): Promise<void> {
    await em.insert(ReturnStepEntity, step);
  }

  lockById(em: EntityManager, id: string): Promise<ReturnRequestEntity | null> {
    return em
      .getRepository(ReturnRequestEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string): Promise<ReturnRequestEntity | null> {
    return this.dataSource.manager.findOneBy(ReturnRequestEntity, { id });
  }

  steps(returnId: string): Promise<ReturnStepEntity[]> {
    return this.dataSource.manager.find(ReturnStepEntity, { where: { returnId }, order: { id: 'ASC' } });
  }

  /** Newest first, after `after`. */
  list(
    filter: ReturnFilter,
    after: ReturnPosition | undefined,
    limit: number,
  ): Promise<ReturnRequestEntity[]> {
    const qb = this.dataSource.getRepository(ReturnRequestEntity).createQueryBuilder('r');
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.storeId) qb.andWhere('r.store_id = :storeId', { storeId: filter.storeId });
    if (filter.orderId) qb.andWhere('r.order_id = :orderId', { orderId: filter.orderId });
    if (filter.customerId) qb.andWhere('r.customer_id = :customerId', { customerId: filter.customerId });
    if (filter.overdueAt)
      qb.andWhere(`r.status NOT IN ('rejected', 'completed') AND r.due_at < :now`, { now: filter.overdueAt });
    if (after)
      qb.andWhere('(r.requested_at, r.id) < (:requestedAt, :id)', {
        requestedAt: after.requestedAt,
        id: after.id,
      });
    return qb.orderBy('r.requested_at', 'DESC').addOrderBy('r.id', 'DESC').limit(limit).getMany();
  }

  async insertEvidence(em: EntityManager, e: ReturnEvidenceEntity): Promise<void> {
    await em.insert(ReturnEvidenceEntity, e);
  }

  evidenceOf(returnId: string, em?: EntityManager): Promise<ReturnEvidenceEntity[]> {
    return (em ?? this.dataSource.manager).find(ReturnEvidenceEntity, {
      where: { returnId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findEvidence(returnId: string, id: string): Promise<ReturnEvidenceEntity | null> {
    return this.dataSource.manager.findOneBy(ReturnEvidenceEntity, { returnId, id });
  }

  /** The customer's returns (for erasure). */
  idsOfCustomer(em: EntityManager, customerId: string): Promise<{ id: string }[]> {
    return em.query(`SELECT id FROM return_request WHERE customer_id = $1`, [customerId]);
  }

  /** Erasure: the defect description is the customer's words, the evidence their photos. */
  async scrubCustomer(em: EntityManager, customerId: string): Promise<void> {
    await em.query(
      `DELETE FROM return_evidence WHERE return_id IN (SELECT id FROM return_request WHERE customer_id = $1)`,
      [customerId],
    );
    await em.query(
      `UPDATE return_request SET customer_id = NULL, defect_description = CASE WHEN defect_description IS NULL THEN NULL ELSE '[erased]' END
       WHERE customer_id = $1`,
      [customerId],
    );
  }
}
