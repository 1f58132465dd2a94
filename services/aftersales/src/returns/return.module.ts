import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { PurchaseModule } from '../purchase/purchase.module';
import { WarrantyModule } from '../warranty/warranty.module';
import { ReturnController } from './return.controller';
import { ReturnRepository } from './return.repository';
import { ReturnService } from './return.service';

@Module({
  imports: [PolicyModule, PurchaseModule, WarrantyModule],
  controllers: [ReturnController],
  providers: [ReturnService, ReturnRepository],
  exports: [ReturnService],
})
export class ReturnModule {}
