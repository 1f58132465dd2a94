import {
  CheckWarrantyReplyV1,
  CheckWarrantyRequestV1,
  PurchaseDeliveredV1,
  PurchaseRecordedV1,
  Subjects,
} from '@cx/contracts';
import { EventContext, OnEvent, OnRequest } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { WarrantyService } from './warranty.service';

/** crm's purchases register warranties; complaints asks whether a product is covered. */
@Controller()
export class WarrantyHandlers {
  constructor(private readonly warranties: WarrantyService) {}

  @OnEvent(Subjects.crm.purchaseRecorded)
  async onPurchaseRecorded(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    await this.warranties.registerPurchase(ctx.em, data);
  }

  @OnEvent(Subjects.crm.purchaseDelivered)
  async onPurchaseDelivered(data: PurchaseDeliveredV1, ctx: EventContext): Promise<void> {
    await this.warranties.recordDelivery(ctx.em, data);
  }

  @OnRequest(Subjects.aftersales.checkWarranty)
  check(data: CheckWarrantyRequestV1): Promise<CheckWarrantyReplyV1> {
    return this.warranties.check(data);
  }
}
