import { CachedReads } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REMEDIAL_CHANNEL } from '../database/migrations/1797300000000-ReferenceChangeNotifications';

/** The remedial mapping and thresholds every answer and breach reads, kept until they change (on any replica). */
@Injectable()
export class RemedialCache extends CachedReads {
  constructor(dataSource: DataSource) {
    super(dataSource, REMEDIAL_CHANNEL);
  }
}
