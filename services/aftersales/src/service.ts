import { ServiceDefinition } from '@cx/platform';
import { AdminModule } from './admin/admin.module';
import { AftersalesConfig } from './config';
import { aftersalesMigrations } from './database/migrations';
import { CategoryPolicyEntity, StoreZoneEntity, WarrantyTermEntity } from './policy/policy.entity';
import { WarrantyEntity } from './warranty/warranty.entity';
import { WarrantyModule } from './warranty/warranty.module';

/** How the platform runs the aftersales service: its port, config, modules, entities and migrations. */
export const aftersalesService: ServiceDefinition<AftersalesConfig> = {
  name: 'aftersales',
  title: 'After-sales API',
  description: 'Returns, exchanges, repairs (the 8-step flow) and warranty.',
  version: '0.1.0',
  defaultPort: 3003,
  config: AftersalesConfig,
  imports: [WarrantyModule, AdminModule],
  entities: [WarrantyEntity, WarrantyTermEntity, CategoryPolicyEntity, StoreZoneEntity],
  migrations: aftersalesMigrations,
};
