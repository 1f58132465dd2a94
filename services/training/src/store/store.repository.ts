import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { StoreZoneEntity } from './store.entity';

/** The only place that touches store zones. */
@Injectable()
export class StoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  async zoneOf(em: EntityManager, storeId: string): Promise<string | null> {
    const row = await em.getRepository(StoreZoneEntity).findOneBy({ storeId });
    return row?.timeZone ?? null;
  }

  async save(z: StoreZoneEntity): Promise<void> {
    await this.dataSource.getRepository(StoreZoneEntity).upsert(z, ['storeId']);
  }

  list(): Promise<StoreZoneEntity[]> {
    return this.dataSource.getRepository(StoreZoneEntity).find({ order: { storeId: 'ASC' } });
  }
}
