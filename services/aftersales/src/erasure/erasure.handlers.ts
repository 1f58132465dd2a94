import { CustomerErasedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { PurchaseService } from '../purchase/purchase.service';
import { RepairService } from '../repairs/repair.service';
import { ReturnService } from '../returns/return.service';
import { WarrantyService } from '../warranty/warranty.service';

/**
 * crm erased a customer: everything after-sales copied about the person goes in one transaction (the
 * customer id on purchases, warranties, returns and repairs, repair contact details, the customer's own
 * words, evidence files). What happened to the goods stays, without the person.
 */
@Controller()
export class ErasureHandlers {
  constructor(
    private readonly purchases: PurchaseService,
    private readonly warranties: WarrantyService,
    private readonly returns: ReturnService,
    private readonly repairs: RepairService,
  ) {}

  @OnEvent(Subjects.crm.customerErased)
  async onCustomerErased(data: CustomerErasedV1, ctx: EventContext): Promise<void> {
    await this.returns.eraseCustomer(ctx.em, data.customerId);
    await this.repairs.eraseCustomer(ctx.em, data.customerId);
    await this.warranties.eraseCustomer(ctx.em, data.customerId);
    await this.purchases.eraseCustomer(ctx.em, data.customerId);
  }
}
