import { ServiceDefinition } from '@cx/platform';
import { AdminModule } from './admin/admin.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { SurveyAnswerEntity } from './analytics/survey-answer.entity';
import { AftersalesConfig } from './config';
import { aftersalesMigrations } from './database/migrations';
import { CategoryPolicyEntity, StoreZoneEntity, WarrantyTermEntity } from './policy/policy.entity';
import { DisputeEntity, DisputeEntryEntity } from './disputes/dispute.entity';
import { DisputeModule } from './disputes/dispute.module';
import { ErasureModule } from './erasure/erasure.module';
import { PublicationModule } from './publication/publication.module';
import { PurchaseEntity } from './purchase/purchase.entity';
import { PurchaseModule } from './purchase/purchase.module';
import {
  AppointmentEntity,
  PartEntity,
  RepairOrderEntity,
  RepairServiceEntity,
  RepairStepEntity,
} from './repairs/repair.entity';
import { RepairModule } from './repairs/repair.module';
import { ReturnEvidenceEntity, ReturnRequestEntity, ReturnStepEntity } from './returns/return.entity';
import { ReturnModule } from './returns/return.module';
import { WarrantyEntity } from './warranty/warranty.entity';
import { WarrantyModule } from './warranty/warranty.module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { AFTERSALES_NOTIFICATIONS } from './notification/appointment.notifications';

/** How the platform runs the aftersales service: its port, config, modules, entities and migrations. */
export const aftersalesService: ServiceDefinition<AftersalesConfig> = {
  name: 'aftersales',
  title: 'After-sales API',
  description: 'Returns, exchanges, repairs (the 8-step flow) and warranty.',
  version: '0.1.0',
  defaultPort: 3003,
  config: AftersalesConfig,
  imports: [
    WarrantyModule,
    PurchaseModule,
    ReturnModule,
    RepairModule,
    DisputeModule,
    PublicationModule,
    ErasureModule,
    AdminModule,
    AnalyticsModule,
    ScorecardModule,
  ],
  entities: [
    WarrantyEntity,
    WarrantyTermEntity,
    CategoryPolicyEntity,
    StoreZoneEntity,
    PurchaseEntity,
    ReturnRequestEntity,
    ReturnStepEntity,
    ReturnEvidenceEntity,
    RepairOrderEntity,
    AppointmentEntity,
    RepairStepEntity,
    PartEntity,
    RepairServiceEntity,
    DisputeEntity,
    DisputeEntryEntity,
    SurveyAnswerEntity,
  ],
  migrations: aftersalesMigrations,
  notifications: AFTERSALES_NOTIFICATIONS,
};
