import { CustomerTierChangedV1, PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { CustomerRepository } from './customer.repository';

/**
 * Keeps the local read models current from crm's events (no synchronous call on the intake path). Both are
 * projections declared writeOnly: a batch of them is applied in one round trip (platform ADR 0010).
 */
@Controller()
export class CustomerHandlers {
  constructor(private readonly customers: CustomerRepository) {}

  @OnEvent(Subjects.crm.customerTierChanged, { writeOnly: true })
  onTierChanged(data: CustomerTierChangedV1, ctx: EventContext): void {
    const { sql, params } = this.customers.upsertTier(data.customerId, data.toTier, new Date(data.changedAt));
    ctx.write(sql, params);
  }

  /** Orders are the denominator of the complaint rate (complaints / orders). */
  @OnEvent(Subjects.crm.purchaseRecorded, { writeOnly: true })
  onPurchase(data: PurchaseRecordedV1, ctx: EventContext): void {
    const { sql, params } = this.customers.recordOrder({
      orderId: data.orderId,
      storeId: data.storeId,
      customerId: data.customerId,
      purchasedAt: new Date(data.purchasedAt),
    });
    ctx.write(sql, params);
  }
}
