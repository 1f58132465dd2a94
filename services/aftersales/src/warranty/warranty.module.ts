import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { WarrantyController } from './warranty.controller';
import { WarrantyHandlers } from './warranty.handlers';
import { WarrantyRepository } from './warranty.repository';
import { WarrantyService } from './warranty.service';

@Module({
  imports: [PolicyModule],
  controllers: [WarrantyController, WarrantyHandlers],
  providers: [WarrantyService, WarrantyRepository],
  exports: [WarrantyService],
})
export class WarrantyModule {}
