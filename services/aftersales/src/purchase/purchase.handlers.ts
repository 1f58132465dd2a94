import { PurchaseDeliveredV1, PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { PurchaseService } from './purchase.service';

/**
 * crm's purchase events: the purchase is kept and its warranties registered, in the inbox's transaction.
 * A recorded purchase only writes (what it writes is computed from the payload and the cached policy), so
 * its handler is write-only: a catch-up applies a lane's batch in one round trip (ADR 0010). The sign-off
 * reads the warranties it restarts, so it keeps the transaction.
 */
@Controller()
export class PurchaseHandlers {
  constructor(private readonly purchases: PurchaseService) {}

  @OnEvent(Subjects.crm.purchaseRecorded, { writeOnly: true })
  async onPurchaseRecorded(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    for (const statement of await this.purchases.recordPurchase(data)) ctx.write(statement);
  }

  @OnEvent(Subjects.crm.purchaseDelivered)
  async onPurchaseDelivered(data: PurchaseDeliveredV1, ctx: EventContext): Promise<void> {
    await this.purchases.recordDelivery(ctx.em, data);
  }
}
