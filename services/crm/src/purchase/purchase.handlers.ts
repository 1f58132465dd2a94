import { GetPurchaseReplyV1, GetPurchaseRequestV1, ReturnCompletedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent, OnRequest } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { PurchaseService } from './purchase.service';

/** Messages from other services about purchases. */
@Controller()
export class PurchaseHandlers {
  constructor(private readonly purchases: PurchaseService) {}

  /** A purchase with its lines and sign-off, for aftersales. */
  @OnRequest(Subjects.crm.getPurchase)
  getPurchase(data: GetPurchaseRequestV1): Promise<GetPurchaseReplyV1> {
    return this.purchases.forRequest(data);
  }

  /** A refund: recorded once per return (the inbox and the refund's key), loyalty reverses the points. */
  @OnEvent(Subjects.aftersales.returnCompleted)
  async onReturnCompleted(data: ReturnCompletedV1, ctx: EventContext): Promise<void> {
    await this.purchases.recordRefund(ctx.em, data);
  }
}
