import { CachedReads } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { POLICY_CHANNEL } from '../database/migrations/1796529263900-WarrantyPerUnit';

/** The policy every purchase registration reads, kept until a policy table changes (on any replica). */
@Injectable()
export class PolicyCache extends CachedReads {
  constructor(dataSource: DataSource) {
    super(dataSource, POLICY_CHANNEL);
  }
}
