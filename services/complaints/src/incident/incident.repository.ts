import { CreatedAtPosition, newestFirst, runExclusive } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { IncidentEntity, IncidentEventEntity, IncidentStatus } from './incident.entity';
import type { CoveringIncident } from './spike';

export interface IncidentEventEntry {
  incidentId: string;
  at: Date;
  actorId: string;
  action: string;
  details?: Record<string, unknown>;
}

/** The only place that touches the incident tables. */
@Injectable()
export class IncidentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, incident: IncidentEntity): Promise<void> {
    await em.getRepository(IncidentEntity).insert(incident);
  }

  async nextReferenceNumber(em: EntityManager): Promise<string> {
    const [row] = await em.query<{ n: string }[]>(`SELECT nextval('incident_reference_seq')::text AS n`);
    return row.n;
  }

  findById(id: string): Promise<IncidentEntity | null> {
    return this.dataSource.getRepository(IncidentEntity).findOneBy({ id });
  }

  /** Reads the incident and locks its row until the transaction ends: every change to it goes through this. */
  lockById(em: EntityManager, id: string): Promise<IncidentEntity | null> {
    return em
      .getRepository(IncidentEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOne();
  }

  async save(em: EntityManager, incident: IncidentEntity): Promise<void> {
    await em.getRepository(IncidentEntity).save(incident);
  }

  /** Newest first, after `after` when given; `limit` rows at most. */
  list(f: { status?: IncidentStatus; after?: CreatedAtPosition; limit: number }): Promise<IncidentEntity[]> {
    const qb = this.dataSource.getRepository(IncidentEntity).createQueryBuilder('x');
    if (f.status) qb.andWhere('x.status = :status', { status: f.status });
    return newestFirst(qb, f.after, f.limit).getMany();
  }

  async addEvents(em: EntityManager, ...entries: IncidentEventEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const values: unknown[] = [];
    const rows = entries.map((e, i) => {
      values.push(e.incidentId, e.at, e.actorId, e.action, JSON.stringify(e.details ?? {}));
      const o = i * 5;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5})`;
    });
    await em.query(
      `INSERT INTO incident_event (incident_id, at, actor_id, action, details) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  timeline(incidentId: string): Promise<IncidentEventEntity[]> {
    return this.dataSource
      .getRepository(IncidentEventEntity)
      .find({ where: { incidentId }, order: { id: 'ASC' } });
  }

  /** Incidents that may cover a product or a store for spike detection (spike.ts decides which do). */
  covering(em: EntityManager): Promise<CoveringIncident[]> {
    return em.getRepository(IncidentEntity).find({
      select: { storeId: true, productSku: true, status: true, closedAt: true },
      where: { status: In(['proposed', 'open', 'dismissed']) },
    });
  }

  /** Runs `work` unless another replica runs it now (the platform's advisory lock). */
  exclusively<T>(lock: string, work: (em: EntityManager) => Promise<T>) {
    return runExclusive(this.dataSource, lock, work);
  }
}
