import { Module } from '@nestjs/common';
import { DisputeModule } from '../disputes/dispute.module';
import { PurchaseModule } from '../purchase/purchase.module';
import { RepairModule } from '../repairs/repair.module';
import { ReturnModule } from '../returns/return.module';
import { WarrantyModule } from '../warranty/warranty.module';
import { ErasureHandlers } from './erasure.handlers';

@Module({
  imports: [PurchaseModule, WarrantyModule, ReturnModule, RepairModule, DisputeModule],
  controllers: [ErasureHandlers],
})
export class ErasureModule {}
