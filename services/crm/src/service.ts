import { ServiceDefinition } from '@cx/platform';
import { AnalyticsModule } from './analytics/analytics.module';
import { CareModule } from './care/care.module';
import { CrmConfig } from './config';
import { CUSTOMER_ENTITIES } from './customer/customer.entity';
import { CustomerModule } from './customer/customer.module';
import { crmMigrations } from './database/migrations';
import { LOYALTY_ENTITIES } from './loyalty/loyalty.entity';
import { LoyaltyModule } from './loyalty/loyalty.module';
import { PURCHASE_ENTITIES } from './purchase/purchase.entity';
import { PurchaseModule } from './purchase/purchase.module';
import { TimelineEntryEntity } from './timeline/timeline.entity';
import { TimelineModule } from './timeline/timeline.module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { CRM_NOTIFICATIONS } from './notification/loyalty.notifications';
import { CustomerNotificationModule } from './notification/notification.module';

/** How the platform runs the crm service: its port, config, modules, entities and migrations. */
export const crmService: ServiceDefinition<CrmConfig> = {
  name: 'crm',
  title: 'CRM API',
  description:
    'Customers, purchases, loyalty points and tiers, care and segmentation. Personal data encrypted at rest; every read audited.',
  version: '0.1.0',
  defaultPort: 3001,
  config: CrmConfig,
  imports: [
    CustomerModule,
    PurchaseModule,
    LoyaltyModule,
    TimelineModule,
    CareModule,
    AnalyticsModule,
    ScorecardModule,
    CustomerNotificationModule,
  ],
  entities: [...CUSTOMER_ENTITIES, ...PURCHASE_ENTITIES, ...LOYALTY_ENTITIES, TimelineEntryEntity],
  migrations: crmMigrations,
  notifications: CRM_NOTIFICATIONS,
};
