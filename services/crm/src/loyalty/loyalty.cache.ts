import { CachedReads } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LOYALTY_POLICY_CHANNEL } from '../database/migrations/1765200000003-LoyaltyPolicyNotifications';

/**
 * The loyalty settings, tier policies and campaigns every purchase reads, kept until one of their tables
 * changes (on any replica; ADR 9). Values are shared: callers never modify them.
 */
@Injectable()
export class LoyaltyPolicyCache extends CachedReads {
  constructor(dataSource: DataSource) {
    super(dataSource, LOYALTY_POLICY_CHANNEL);
  }
}
