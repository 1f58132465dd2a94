import { ArrayMinSize, IsIn } from 'class-validator';
import { SALES_CHANNELS, SalesChannel } from '../common/enums';
import {
  IsCurrency,
  IsId,
  IsMinorAmount,
  IsNestedList,
  IsRef,
  IsTimestamp,
  OptionalField,
} from '../common/rules';
import { defineRequest } from '../registry';
import { PurchaseLineV1 } from './purchase-recorded.event';

/** The systems purchases come from; an order id is unique within its source. */
export const PURCHASE_SOURCES = ['pos', 'erp', 'eshop'] as const;
export type PurchaseSource = (typeof PURCHASE_SOURCES)[number];

/** Asks crm for one purchase: by its id, or by its source and order id (crm answers a bad pair with INVALID_REQUEST). */
export class GetPurchaseRequestV1 {
  @OptionalField() @IsId() purchaseId?: string;
  @OptionalField() @IsIn(PURCHASE_SOURCES) source?: PurchaseSource;
  @OptionalField() @IsRef() orderId?: string;
}

/** A recorded purchase with its lines, its delivery sign-off (when known) and what was refunded. */
export class GetPurchaseReplyV1 {
  @IsId() purchaseId!: string;
  @IsId() customerId!: string;
  @IsIn(PURCHASE_SOURCES) source!: PurchaseSource;
  @IsRef() orderId!: string;
  @IsRef() storeId!: string;
  @IsIn(SALES_CHANNELS) channel!: SalesChannel;
  @IsTimestamp() purchasedAt!: string;
  /** Absent until the delivery sign-off arrives. */
  @OptionalField() @IsTimestamp() deliveredAt?: string;
  @IsMinorAmount() paidAmountMinor!: number;
  /** Sum of the refunds recorded against it (0 when none). */
  @IsMinorAmount() refundedAmountMinor!: number;
  @IsCurrency() currency!: string;
  @IsNestedList(() => PurchaseLineV1) @ArrayMinSize(1) lines!: PurchaseLineV1[];
}

export const getPurchaseV1 = defineRequest(
  'rpc.crm.get-purchase.v1',
  GetPurchaseRequestV1,
  GetPurchaseReplyV1,
  {
    description:
      'One purchase with its lines and delivery sign-off, by id or by source and order id (NOT_FOUND when crm has none).',
    consumers: ['aftersales'],
  },
);
