import { canonicalTimeZone, Clock, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { TrainingConfig } from '../config';
import { StoreZoneCache } from './store.cache';
import { StoreRepository } from './store.repository';
import { StoreZoneView, toStoreZoneView } from './store.view';

/** Store time zones: set by the lead, the configured default for the others. */
@Injectable()
export class StoreService {
  constructor(
    private readonly stores: StoreRepository,
    private readonly cache: StoreZoneCache,
    private readonly clock: Clock,
    private readonly config: TrainingConfig,
  ) {}

  /** The store's zone (kept per replica until a lead changes one); the default when none was set. */
  async zoneOf(storeId: string | null): Promise<string> {
    return (await this.zones())(storeId ?? '');
  }

  /** Every store's zone in one kept read: a lookup that answers the default for a store without one. */
  async zones(): Promise<(storeId: string) => string> {
    const zones = await this.cache.get('zones', () => this.stores.zones());
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
    this.cache.clear(); // this replica sees it at once, the others when notified
    return toStoreZoneView(z);
  }

  async list(): Promise<StoreZoneView[]> {
    return (await this.stores.list()).map(toStoreZoneView);
  }
}
