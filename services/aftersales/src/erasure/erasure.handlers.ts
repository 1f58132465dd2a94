import { CustomerErasedV1, CustomerMergedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { DisputeService } from '../disputes/dispute.service';
import { PurchaseService } from '../purchase/purchase.service';
import { RepairService } from '../repairs/repair.service';
import { ReturnService } from '../returns/return.service';
import { WarrantyService } from '../warranty/warranty.service';

/** Every table holding crm's customer id. */
const CUSTOMER_TABLES = ['purchase', 'warranty', 'return_request', 'repair_order', 'dispute'] as const;

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
    private readonly disputes: DisputeService,
  ) {}

  @OnEvent(Subjects.crm.customerErased)
  async onCustomerErased(data: CustomerErasedV1, ctx: EventContext): Promise<void> {
    await this.returns.eraseCustomer(ctx.em, data.customerId);
    await this.repairs.eraseCustomer(ctx.em, data.customerId);
    await this.warranties.eraseCustomer(ctx.em, data.customerId);
    await this.purchases.eraseCustomer(ctx.em, data.customerId);
    await this.disputes.eraseCustomer(ctx.em, data.customerId);
  }

  /** Two crm records of one person became one: what after-sales holds under the merged id follows the survivor. */
  @OnEvent(Subjects.crm.customerMerged)
  async onCustomerMerged(data: CustomerMergedV1, ctx: EventContext): Promise<void> {
    for (const table of CUSTOMER_TABLES)
      await ctx.em.query(`UPDATE ${table} SET customer_id = $1 WHERE customer_id = $2`, [
        data.survivorId,
        data.mergedId,
      ]);
  }
}
