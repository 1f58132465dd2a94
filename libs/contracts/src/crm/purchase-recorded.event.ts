import { ArrayMinSize, IsIn } from 'class-validator';
import { SALES_CHANNELS, SalesChannel, WARRANTY_CLASSES, WarrantyClass } from '../common/enums';
import {
  IsCurrency,
  IsId,
  IsIntIn,
  IsMinorAmount,
  IsNestedList,
  IsRef,
  IsText,
  IsTimestamp,
  OptionalField,
} from '../common/rules';
import { defineEvent } from '../registry';

/** One line of a recorded purchase: what aftersales registers a warranty for. */
export class PurchaseLineV1 {
  /** The line's id in the selling system (unique within the order). */
  @IsRef() lineId!: string;
  @IsRef() sku!: string;
  /** Product category as the selling system names it (e.g. `outerwear`, `phones`). */
  @IsRef() category!: string;
  @IsText() productName!: string;
  /** Present for serialised goods (electronics): the warranty is then tied to the unit. */
  @OptionalField() @IsRef() serialNumber?: string;
  @IsIntIn(1, 100_000) quantity!: number;
  @IsMinorAmount() unitPriceMinor!: number;
  /** Absent when the product has no warranty statement; general = 1 year, electronics/custom-made = 2 years. */
  @OptionalField() @IsIn(WARRANTY_CLASSES) warrantyClass?: WarrantyClass;
}

/** A purchase recorded from POS, ERP or the web shop (a fact in crm: points and tier follow from it). */
export class PurchaseRecordedV1 {
  @IsId() customerId!: string;
  /** Order number in the selling system. */
  @IsRef() orderId!: string;
  /** Store code; online orders carry the code of the online shop. */
  @IsRef() storeId!: string;
  @IsIn(SALES_CHANNELS) channel!: SalesChannel;
  @IsTimestamp() purchasedAt!: string;
  /** Delivery sign-off, when known at recording time: starts the return window and the warranty. */
  @OptionalField() @IsTimestamp() deliveredAt?: string;
  @IsMinorAmount() paidAmountMinor!: number;
  @IsCurrency() currency!: string;
  @IsNestedList(() => PurchaseLineV1) @ArrayMinSize(1) lines!: PurchaseLineV1[];
  /** The employee who made the sale, as HR names them (added 2026-12; absent when the selling system does not say). */
  @OptionalField() @IsRef() salesEmployeeId?: string;
}

export const purchaseRecordedV1 = defineEvent('evt.crm.purchase.recorded.v1', PurchaseRecordedV1, {
  description: 'A purchase was recorded for a customer (POS, ERP or web shop), with its lines.',
  consumers: ['aftersales', 'complaints', 'training'],
});
