import { ServiceDefinition } from '@cx/platform';
import { AdminModule } from './admin/admin.module';
import { AftersalesConfig } from './config';
import { aftersalesMigrations } from './database/migrations';
import { CategoryPolicyEntity, StoreZoneEntity, WarrantyTermEntity } from './policy/policy.entity';
import { PurchaseEntity } from './purchase/purchase.entity';
import { PurchaseModule } from './purchase/purchase.module';
import { ReturnEvidenceEntity, ReturnRequestEntity, ReturnStepEntity } from './returns/return.entity';
import { ReturnModule } from './returns/return.module';
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
  imports: [WarrantyModule, PurchaseModule, ReturnModule, AdminModule],
  entities: [
    WarrantyEntity,
    WarrantyTermEntity,
    CategoryPolicyEntity,
    StoreZoneEntity,
    PurchaseEntity,
    ReturnRequestEntity,
    ReturnStepEntity,
    ReturnEvidenceEntity,
  ],
  migrations: aftersalesMigrations,
};
