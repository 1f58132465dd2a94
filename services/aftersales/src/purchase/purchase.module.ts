import { Module } from '@nestjs/common';
import { WarrantyModule } from '../warranty/warranty.module';
import { PurchaseHandlers } from './purchase.handlers';
import { PurchaseRepository } from './purchase.repository';
import { PurchaseService } from './purchase.service';

@Module({
  imports: [WarrantyModule],
  controllers: [PurchaseHandlers],
  providers: [PurchaseService, PurchaseRepository],
  exports: [PurchaseService],
})
export class PurchaseModule {}
