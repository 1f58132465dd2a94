import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { StoreZoneEntity } from './store.entity';

/** The only place that touches store zones. */
@Injectable()
export class StoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  async zoneOf(em: EntityManager, storeId: string): Promise<string | null> {
    const row = await em.getRepository(StoreZoneEntity).findOneBy({ storeId });
    return row?.timeZone ?? null;
  }

  /** The zones set for these stores (the others are absent from the map). */
  async zonesOf(em: EntityManager | undefined, storeIds: string[]): Promise<Map<string, string>> {
    const rows = await (em ?? this.dataSource.manager)
      .getRepository(StoreZoneEntity)
      .findBy({ storeId: In([...new Set(storeIds)]) });
    return new Map(rows.map((r) => [r.storeId, r.timeZone]));
  }

  async save(z: StoreZoneEntity): Promise<void> {
    await this.dataSource.getRepository(StoreZoneEntity).upsert(z, ['storeId']);
  }

  list(): Promise<StoreZoneEntity[]> {
    return this.dataSource.getRepository(StoreZoneEntity).find({ order: { storeId: 'ASC' } });
  }
}
