import { IsBoolean } from 'class-validator';
import { IsId, IsRef, IsTimestamp, OptionalField } from '../common/rules';
import { defineRequest } from '../registry';

/** Asks aftersales whether a product (by SKU, and serial number or order where known) is under warranty now. */
export class CheckWarrantyRequestV1 {
  @IsRef() sku!: string;
  @OptionalField() @IsRef() serialNumber?: string;
  @OptionalField() @IsRef() orderId?: string;
}

/** Whether the product is covered, and by which warranty until when. */
export class CheckWarrantyReplyV1 {
  @IsBoolean() covered!: boolean;
  @OptionalField() @IsId() warrantyId?: string;
  @OptionalField() @IsTimestamp() endsAt?: string;
}

export const checkWarrantyV1 = defineRequest(
  'rpc.aftersales.check-warranty.v1',
  CheckWarrantyRequestV1,
  CheckWarrantyReplyV1,
  {
    description: 'Is this product under warranty now? Used when a product complaint comes in.',
    consumers: ['complaints'],
  },
);
