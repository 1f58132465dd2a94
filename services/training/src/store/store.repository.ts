import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { StoreZoneEntity } from './store.entity';

/** The only place that touches store zones. */
@Injectable()
export class StoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every zone a lead set, by store (stores without one are absent). */
  async zones(): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(StoreZoneEntity).find();
    return new Map(rows.map((r) => [r.storeId, r.timeZone]));
  }

  /** The zone a lead set for `storeId`, in the caller's transaction; null: none set (the default applies). */
  async zoneFor(storeId: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
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
