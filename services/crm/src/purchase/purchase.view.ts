import {
  PURCHASE_SOURCES,
  PurchaseLineV1,
  PurchaseSource,
  SALES_CHANNELS,
  SalesChannel,
  WARRANTY_CLASSES,
  WarrantyClass,
} from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PurchaseEntity, PurchaseLineEntity } from './purchase.entity';

/** A purchase with its lines: everything in it is the shop's data, none of it personal. */
export interface PurchaseWithLines {
  purchase: PurchaseEntity;
  lines: PurchaseLineEntity[];
  /** The seller named when it was recorded: passed into its recorded event, not stored. */
  salesEmployeeId?: string;
}

export class PurchaseLineView {
  @ApiProperty({ example: '1' }) lineId!: string;
  @ApiProperty({ example: 'PH-X200-128-BLU' }) sku!: string;
  @ApiProperty({ example: 'phones' }) category!: string;
  @ApiProperty({ example: 'X200 phone 128 GB, blue' }) productName!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SN8823410091' }) serialNumber!: string | null;
  @ApiProperty({ example: 1 }) quantity!: number;
  @ApiProperty({ example: 329_900 }) unitPriceMinor!: number;
  @ApiProperty({ type: String, enum: WARRANTY_CLASSES, nullable: true }) warrantyClass!: WarrantyClass | null;
}

/**
 * A purchase as the API answers it: controllers return views, never entities. The create's answer is
 * kept with its Idempotency-Key for the retention period; a purchase carries no personal data.
 */
export class PurchaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PURCHASE_SOURCES }) source!: PurchaseSource;
  @ApiProperty({ example: 'SO-2026-000451' }) orderId!: string;
  @ApiProperty({ enum: SALES_CHANNELS }) channel!: SalesChannel;
  @ApiProperty({ example: 'SH-001' }) storeId!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ example: 459_800 }) paidAmountMinor!: number;
  @ApiProperty({ example: 0, description: 'Sum of the refunds recorded against it' })
  refundedAmountMinor!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ format: 'date-time' }) purchasedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The delivery sign-off' })
  deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: [PurchaseLineView] }) lines!: PurchaseLineView[];
}

export function toPurchaseLineView(l: PurchaseLineEntity): PurchaseLineView {
  return {
    lineId: l.lineId,
    sku: l.sku,
    category: l.category,
    productName: l.productName,
    serialNumber: l.serialNumber,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    warrantyClass: l.warrantyClass,
  };
}

export function toPurchaseView({ purchase: p, lines }: PurchaseWithLines): PurchaseView {
  return {
    id: p.id,
    source: p.source,
    orderId: p.orderId,
    channel: p.channel,
    storeId: p.storeId,
    customerId: p.customerId,
    paidAmountMinor: p.paidAmountMinor,
    refundedAmountMinor: p.refundedAmountMinor,
    currency: p.currency,
    purchasedAt: p.purchasedAt.toISOString(),
    deliveredAt: p.deliveredAt?.toISOString() ?? null,
    recordedAt: p.recordedAt.toISOString(),
    lines: lines.map(toPurchaseLineView),
  };
}

/** A line as the contracts carry it: absent rather than null. */
export function toLineV1(l: PurchaseLineEntity): PurchaseLineV1 {
  return {
    lineId: l.lineId,
    sku: l.sku,
    category: l.category,
    productName: l.productName,
    ...(l.serialNumber !== null && { serialNumber: l.serialNumber }),
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    ...(l.warrantyClass !== null && { warrantyClass: l.warrantyClass }),
  };
}

/** One item's result of a bulk ingest. */
export class BulkItemReasonView {
  @ApiProperty({
    enum: ['invalid', 'unknown-customer', 'order-conflict'],
    description:
      'invalid: see errors; unknown-customer; order-conflict: the order was recorded with other content',
  })
  code!: 'invalid' | 'unknown-customer' | 'order-conflict';
  @ApiProperty() message!: string;
  @ApiProperty({
    required: false,
    description: 'For invalid: each field (a dotted path within the item) and what is wrong',
    type: 'array',
    items: {
      type: 'object',
      properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
    },
  })
  errors?: { field: string; messages: string[] }[];
}

export class BulkItemView {
  @ApiProperty({ description: 'Position of the item in the request' }) index!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The item’s orderId, when it sent a string' })
  orderId!: string | null;
  @ApiProperty({ enum: ['created', 'unchanged', 'refused'] }) status!: 'created' | 'unchanged' | 'refused';
  @ApiProperty({ required: false, format: 'uuid' }) purchaseId?: string;
  @ApiProperty({ required: false, type: BulkItemReasonView }) reason?: BulkItemReasonView;
}

export class BulkResultView {
  @ApiProperty() created!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ type: [BulkItemView] }) items!: BulkItemView[];
}
