import { canonicalTimeZone, Clock, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TrainingConfig } from '../config';
import { StoreRepository } from './store.repository';
import { StoreZoneView, toStoreZoneView } from './store.view';

/** Store time zones: set by the lead, the configured default for the others. */
@Injectable()
export class StoreService {
  constructor(
    private readonly stores: StoreRepository,
    private readonly clock: Clock,
    private readonly config: TrainingConfig,
  ) {}

  /** The store's zone, read through the caller's transaction; the default when none was set. */
  async zoneOf(em: EntityManager, storeId: string | null): Promise<string> {
    const zone = storeId ? await this.stores.zoneOf(em, storeId) : null;
    return zone ?? this.config.TRAINING_DEFAULT_TIME_ZONE;
  }

  /** The zone of each of these stores in one read: a lookup that answers the default for a store without one. */
  async zonesOf(em: EntityManager | undefined, storeIds: string[]): Promise<(storeId: string) => string> {
    const zones = storeIds.length > 0 ? await this.stores.zonesOf(em, storeIds) : new Map<string, string>();
    return (storeId) => zones.get(storeId) ?? this.config.TRAINING_DEFAULT_TIME_ZONE;
  }

  /** Every zone in use: those the lead set, and the default of the other stores. */
  async zonesInUse(): Promise<string[]> {
    return [
      ...new Set([
        this.config.TRAINING_DEFAULT_TIME_ZONE,
        ...(await this.stores.list()).map((z) => z.timeZone),
      ]),
    ];
  }

  async setZone(storeId: string, timeZone: string, actor: Principal): Promise<StoreZoneView> {
    const z = {
      storeId,
      timeZone: canonicalTimeZone(timeZone)!,
      updatedAt: this.clock.now(),
      updatedBy: actor.sub,
    };
    await this.stores.save(z);
    return toStoreZoneView(z);
  }

  async list(): Promise<StoreZoneView[]> {
    return (await this.stores.list()).map(toStoreZoneView);
  }
}
