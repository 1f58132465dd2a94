import { Module } from '@nestjs/common';
import { LoyaltyModule } from '../loyalty/loyalty.module';
import { TimelineModule } from '../timeline/timeline.module';
import { PurchaseController } from './purchase.controller';
import { PurchaseHandlers } from './purchase.handlers';
import { PurchaseRepository } from './purchase.repository';
import { PurchaseService } from './purchase.service';

/** Purchases from POS, ERP and the e-shop, their sign-off and refunds (docs/crm/purchases.md). */
@Module({
  imports: [LoyaltyModule, TimelineModule],
  controllers: [PurchaseController, PurchaseHandlers],
  providers: [PurchaseService, PurchaseRepository],
  exports: [PurchaseService],
})
export class PurchaseModule {}
