import { insertRows } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { WarrantyEntity } from './warranty.entity';

export interface WarrantyFilter {
  serialNumber?: string;
  orderId?: string;
  customerId?: string;
}

/** The only place that touches the warranty table. */
@Injectable()
export class WarrantyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /**
   * Inserts the lines not registered yet (one warranty per order line: a redelivery adds nothing), in one
   * plain multi-row statement: TypeORM's query builder cost most of the catch-up's CPU (docs/benchmarks.md).
   */
  async insertNew(em: EntityManager, rows: WarrantyEntity[]): Promise<void> {
    await insertRows(em, WarrantyEntity, rows, { ignoreConflicts: true });
  }

  /** The order's original (not replacement) warranties still waiting for their sign-off, locked. */
  undeliveredOfOrder(em: EntityManager, orderId: string): Promise<WarrantyEntity[]> {
    return em
      .getRepository(WarrantyEntity)
      .createQueryBuilder('w')
      .where('w.order_id = :orderId AND w.delivered_at IS NULL AND w.replaces_id IS NULL', { orderId })
      .setLock('pessimistic_write')
      .getMany();
  }

  async save(em: EntityManager, warranty: WarrantyEntity): Promise<void> {
    await em.save(WarrantyEntity, warranty);
  }

  findById(id: string, em?: EntityManager): Promise<WarrantyEntity | null> {
    return this.manager(em).findOneBy(WarrantyEntity, { id });
  }

  lockById(em: EntityManager, id: string): Promise<WarrantyEntity | null> {
    return em.getRepository(WarrantyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The warranty of an order line (the original, or what it was moved to last). */
  findActiveByOrderLine(orderId: string, lineId: string, em?: EntityManager): Promise<WarrantyEntity | null> {
    return this.manager(em).findOneBy(WarrantyEntity, { orderId, lineId, status: 'active' });
  }

  /** By serial, order or customer, in registration order (ids are time-ordered), after `afterId`. */
  list(filter: WarrantyFilter, afterId: string | undefined, limit: number): Promise<WarrantyEntity[]> {
    const qb = this.dataSource.getRepository(WarrantyEntity).createQueryBuilder('w');
    if (filter.serialNumber)
      qb.andWhere('w.serial_number = :serialNumber', { serialNumber: filter.serialNumber });
    if (filter.orderId) qb.andWhere('w.order_id = :orderId', { orderId: filter.orderId });
    if (filter.customerId) qb.andWhere('w.customer_id = :customerId', { customerId: filter.customerId });
    if (afterId) qb.andWhere('w.id > :afterId', { afterId });
    return qb.orderBy('w.id', 'ASC').limit(limit).getMany();
  }

  /** Active warranties of a product, by serial number when given, else by order. */
  forCheck(
    sku: string,
    serialNumber: string | undefined,
    orderId: string | undefined,
  ): Promise<WarrantyEntity[]> {
    const where: FindOptionsWhere<WarrantyEntity> = { sku, status: 'active' };
    if (serialNumber) where.serialNumber = serialNumber;
    else if (orderId) where.orderId = orderId;
    else return Promise.resolve([]);
    return this.dataSource.manager.find(WarrantyEntity, { where, order: { endsAt: 'DESC' }, take: 20 });
  }

  /** Crm erased the customer: the warranties stay with the goods, without the link to the person. */
  async unlinkCustomer(em: EntityManager, customerId: string): Promise<number> {
    const [, affected]: [unknown, number] = await em.query(
      `UPDATE warranty SET customer_id = NULL WHERE customer_id = $1`,
      [customerId],
    );
    return affected;
  }
}
