import { CachedReads } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { STORE_ZONE_CHANNEL } from '../database/migrations/1797300000000-ReferenceChangeNotifications';

/** The store zones every event reads, kept until store_zone changes (on any replica). */
@Injectable()
export class StoreZoneCache extends CachedReads {
  constructor(dataSource: DataSource) {
    super(dataSource, STORE_ZONE_CHANNEL);
  }
}
