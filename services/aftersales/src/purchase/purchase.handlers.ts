import { PurchaseDeliveredV1, PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { PurchaseService } from './purchase.service';

/** crm's purchase events: the purchase is kept and its warranties registered, in the inbox's transaction. */
@Controller()
export class PurchaseHandlers {
  constructor(private readonly purchases: PurchaseService) {}

  @OnEvent(Subjects.crm.purchaseRecorded)
  async onPurchaseRecorded(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    await this.purchases.recordPurchase(ctx.em, data);
  }

  @OnEvent(Subjects.crm.purchaseDelivered)
  async onPurchaseDelivered(data: PurchaseDeliveredV1, ctx: EventContext): Promise<void> {
    await this.purchases.recordDelivery(ctx.em, data);
  }
}
