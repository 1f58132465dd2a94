import { CreatedAtPosition, newestFirst } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AppointmentEntity,
  PartEntity,
  RepairOrderEntity,
  RepairServiceEntity,
  RepairStepEntity,
} from './repair.entity';
import type { RepairStatus } from './status';

export interface RepairFilter {
  status?: RepairStatus;
  storeId?: string;
  technicianId?: string;
  /** Only those past their step's limit at this instant. */
  overdueAt?: Date;
}

/** The only place that touches the repair tables. */
@Injectable()
export class RepairRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, r: RepairOrderEntity): Promise<void> {
    await em.insert(RepairOrderEntity, r);
  }

  async save(em: EntityManager, r: RepairOrderEntity): Promise<void> {
    await em.save(RepairOrderEntity, r);
  }

  lockById(em: EntityManager, id: string): Promise<RepairOrderEntity | null> {
    return em
      .getRepository(RepairOrderEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string): Promise<RepairOrderEntity | null> {
    return this.dataSource.manager.findOneBy(RepairOrderEntity, { id });
  }

  /** Newest first, after `after`. */
  list(
    filter: RepairFilter,
    after: CreatedAtPosition | undefined,
    limit: number,
  ): Promise<RepairOrderEntity[]> {
    const qb = this.dataSource.getRepository(RepairOrderEntity).createQueryBuilder('r');
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.storeId) qb.andWhere('r.store_id = :storeId', { storeId: filter.storeId });
    if (filter.technicianId)
      qb.andWhere('r.technician_id = :technicianId', { technicianId: filter.technicianId });
    if (filter.overdueAt)
      qb.andWhere(`r.status NOT IN ('completed', 'cancelled') AND r.due_at < :now`, {
        now: filter.overdueAt,
      });
    return newestFirst(qb, after, limit).getMany();
  }

  async addStep(em: EntityManager, step: Omit<RepairStepEntity, 'id'>): Promise<void> {
    await em.insert(RepairStepEntity, step);
  }

  steps(repairId: string): Promise<RepairStepEntity[]> {
    return this.dataSource.manager.find(RepairStepEntity, { where: { repairId }, order: { id: 'ASC' } });
  }

  /** Cancels the repair's booked appointment, if any (rescheduling). */
  async cancelBooked(em: EntityManager, repairId: string): Promise<void> {
    await em.update(AppointmentEntity, { repairId, status: 'booked' }, { status: 'cancelled' });
  }

  /**
   * Books the slot; false when another booking holds it. The unique index decides, also between racing
   * requests: the second waits for the first to commit, then inserts nothing.
   */
  async book(em: EntityManager, a: AppointmentEntity): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO appointment (id, repair_id, technician_id, starts_at, ends_at, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (technician_id, starts_at) WHERE status = 'booked' DO NOTHING
       RETURNING id`,
      [a.id, a.repairId, a.technicianId, a.startsAt, a.endsAt, a.status, a.createdAt],
    );
    return rows.length === 1;
  }

  parts(codes: string[], em?: EntityManager): Promise<PartEntity[]> {
    return (em ?? this.dataSource.manager).findBy(PartEntity, { code: In(codes), active: true });
  }

  service(code: string, em?: EntityManager): Promise<RepairServiceEntity | null> {
    return (em ?? this.dataSource.manager).findOneBy(RepairServiceEntity, { code, active: true });
  }

  allParts(): Promise<PartEntity[]> {
    return this.dataSource.manager.find(PartEntity, { order: { code: 'ASC' } });
  }

  allServices(activeOnly: boolean): Promise<RepairServiceEntity[]> {
    return this.dataSource.manager.find(RepairServiceEntity, {
      where: activeOnly ? { active: true } : {},
      order: { code: 'ASC' },
    });
  }

  async savePart(p: PartEntity): Promise<void> {
    await this.dataSource.manager.upsert(PartEntity, p, ['code']);
  }

  async saveService(s: RepairServiceEntity): Promise<void> {
    await this.dataSource.manager.upsert(RepairServiceEntity, s, ['code']);
  }

  /** Erasure: the contact details and the customer's words go; the repair's facts stay. */
  async scrubCustomer(em: EntityManager, customerId: string): Promise<void> {
    await em.query(
      `UPDATE repair_order SET customer_id = NULL, contact_name = NULL, contact_phone = NULL,
         feedback = CASE WHEN feedback IS NULL THEN NULL ELSE '[erased]' END
       WHERE customer_id = $1`,
      [customerId],
    );
  }
}
