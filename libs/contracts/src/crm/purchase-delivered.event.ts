import { ArrayMinSize } from 'class-validator';
import { IsId, IsNestedList, IsRef, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';
import { PurchaseLineV1 } from './purchase-recorded.event';

/**
 * The delivery sign-off of a purchase arrived after it was recorded: aftersales starts the warranties
 * and the return window from `deliveredAt`. A purchase recorded with its sign-off never sends this.
 */
export class PurchaseDeliveredV1 {
  @IsId() purchaseId!: string;
  @IsId() customerId!: string;
  /** Order number in the selling system. */
  @IsRef() orderId!: string;
  @IsRef() storeId!: string;
  @IsTimestamp() purchasedAt!: string;
  /** The sign-off: starts the return window and the warranty of every line. */
  @IsTimestamp() deliveredAt!: string;
  /** The purchase's lines, serial numbers included where there are some. */
  @IsNestedList(() => PurchaseLineV1) @ArrayMinSize(1) lines!: PurchaseLineV1[];
}

export const purchaseDeliveredV1 = defineEvent('evt.crm.purchase.delivered.v1', PurchaseDeliveredV1, {
  description:
    'The delivery sign-off of a recorded purchase arrived later: warranties and the return window start from it.',
  consumers: ['aftersales', 'surveys'],
});
