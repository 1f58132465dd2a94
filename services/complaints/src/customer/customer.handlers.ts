import { CustomerTierChangedV1, PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { CustomerRepository } from './customer.repository';

/** Keeps the local read models current from crm's events (no synchronous call on the intake path). */
@Controller()
export class CustomerHandlers {
  constructor(private readonly customers: CustomerRepository) {}

  @OnEvent(Subjects.crm.customerTierChanged)
  async onTierChanged(data: CustomerTierChangedV1, ctx: EventContext): Promise<void> {
    await this.customers.upsertTier(ctx.em, data.customerId, data.toTier, new Date(data.changedAt));
  }

  /** Orders are the denominator of the complaint rate (complaints / orders). */
  @OnEvent(Subjects.crm.purchaseRecorded)
  async onPurchase(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    await this.customers.recordOrder(ctx.em, {
      orderId: data.orderId,
      storeId: data.storeId,
      customerId: data.customerId,
      purchasedAt: new Date(data.purchasedAt),
    });
  }
}
