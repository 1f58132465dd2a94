import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { RepairModule } from '../repairs/repair.module';
import { CatalogueController } from './catalogue.controller';
import { WarrantyPolicyController } from './warranty-policy.controller';

@Module({
  imports: [PolicyModule, RepairModule],
  controllers: [WarrantyPolicyController, CatalogueController],
})
export class AdminModule {}
