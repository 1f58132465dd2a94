import { GetPurchaseReplyV1, GetPurchaseRequestV1, ReturnCompletedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent, OnRequest } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { returnCompletedFact } from '../timeline/timeline.rules';
import { TimelineService } from '../timeline/timeline.service';
import { PurchaseService } from './purchase.service';

/** Messages from other services about purchases. */
@Controller()
export class PurchaseHandlers {
  constructor(
    private readonly purchases: PurchaseService,
    private readonly timeline: TimelineService,
  ) {}

  /** A purchase with its lines and sign-off, for aftersales. */
  @OnRequest(Subjects.crm.getPurchase)
  getPurchase(data: GetPurchaseRequestV1): Promise<GetPurchaseReplyV1> {
    return this.purchases.forRequest(data);
  }

  /** A refund: recorded once per return (the inbox and the refund's key), loyalty reverses the points. */
  @OnEvent(Subjects.aftersales.returnCompleted)
  async onReturnCompleted(data: ReturnCompletedV1, ctx: EventContext): Promise<void> {
    await this.purchases.recordRefund(ctx.em, data);
    // The one handler of this subject in crm (the transport refuses a second): the timeline's entry too.
    await this.timeline.record(ctx.em, returnCompletedFact(data));
  }
}
