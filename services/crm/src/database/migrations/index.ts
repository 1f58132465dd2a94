import { MigrationClass } from '@cx/platform';
import { Customer1765000000000 } from './1765000000000-Customer';
import { Purchase1765100000000 } from './1765100000000-Purchase';
import { Loyalty1765200000000 } from './1765200000000-Loyalty';
import { LoyaltyReviews1765200000001 } from './1765200000001-LoyaltyReviews';
import { PointsExpiredUnspent1765200000002 } from './1765200000002-PointsExpiredUnspent';
import { LoyaltyPolicyNotifications1765200000003 } from './1765200000003-LoyaltyPolicyNotifications';
import { Timeline1765300000000 } from './1765300000000-Timeline';
import { Care1765300100000 } from './1765300100000-Care';
import { LoyaltyPurchaseTimeIndex1765400000000 } from './1765400000000-LoyaltyPurchaseTimeIndex';
import { CustomerPreferredLanguage1765500000000 } from './1765500000000-CustomerPreferredLanguage';
import { TimelineReadsPurchases1765620000000 } from './1765620000000-TimelineReadsPurchases';

/** The crm service's migrations, oldest first (the platform's own tables are migrated before these). */
export const crmMigrations: MigrationClass[] = [
  Customer1765000000000,
  Purchase1765100000000,
  Loyalty1765200000000,
  LoyaltyReviews1765200000001,
  PointsExpiredUnspent1765200000002,
  LoyaltyPolicyNotifications1765200000003,
  Timeline1765300000000,
  Care1765300100000,
  LoyaltyPurchaseTimeIndex1765400000000,
  CustomerPreferredLanguage1765500000000,
  TimelineReadsPurchases1765620000000,
];
