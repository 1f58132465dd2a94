import {
  IsCurrency,
  IsIntIn,
  IsMinorAmount,
  IsNestedList,
  IsRef,
  IsText,
  IsTimestamp,
  PURCHASE_SOURCES,
  PurchaseSource,
  SALES_CHANNELS,
  SalesChannel,
  WARRANTY_CLASSES,
  WarrantyClass,
} from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsOptional, IsUUID } from 'class-validator';

// The contracts' field rules (docs/contracts.md): whatever this API accepts can go into
// evt.crm.purchase.recorded.v1.

/** Lines per purchase at most. */
export const MAX_LINES = 200;

export class PurchaseLineDto {
  @ApiProperty({ example: '1', description: 'The line id in the selling system, unique within the order' })
  @IsPlainRef()
  lineId!: string;

  @ApiProperty({ example: 'PH-X200-128-BLU' }) @IsPlainRef() sku!: string;

  @ApiProperty({ example: 'phones', description: 'Product category as the selling system names it' })
  @IsRef()
  category!: string;

  @ApiProperty({ example: 'X200 phone 128 GB, blue' }) @IsText() productName!: string;

  @ApiPropertyOptional({ example: 'SN8823410091', description: 'For serialised goods' })
  @IsOptional()
  @IsPlainRef()
  serialNumber?: string;

  @ApiProperty({ minimum: 1, maximum: 100_000, example: 1 }) @IsIntIn(1, 100_000) quantity!: number;

  @ApiProperty({ example: 329_900, description: 'Minor units of the currency (fen, cents)' })
  @IsMinorAmount()
  unitPriceMinor!: number;

  @ApiPropertyOptional({ enum: WARRANTY_CLASSES, description: 'Absent when the product has no warranty' })
  @IsOptional()
  @IsIn(WARRANTY_CLASSES)
  warrantyClass?: WarrantyClass;
}

/** POST /purchases, and each item of POST /purchases/bulk. */
export class CreatePurchaseDto {
  @ApiProperty({ enum: PURCHASE_SOURCES, description: 'The system that sends it' })
  @IsIn(PURCHASE_SOURCES)
  source!: PurchaseSource;

  @ApiProperty({ example: 'SO-2026-000451', description: 'Order number, unique within its source' })
  @IsPlainRef()
  orderId!: string;

  @ApiProperty({ enum: SALES_CHANNELS }) @IsIn(SALES_CHANNELS) channel!: SalesChannel;

  @ApiProperty({ example: 'SH-001', description: 'Store code; online orders carry the online shop code' })
  @IsPlainRef()
  storeId!: string;

  @ApiProperty({ format: 'uuid', description: 'A crm customer' }) @IsUUID() customerId!: string;

  @ApiProperty({ type: [PurchaseLineDto], minItems: 1, maxItems: MAX_LINES })
  @IsNestedList(() => PurchaseLineDto, MAX_LINES)
  @ArrayMinSize(1)
  lines!: PurchaseLineDto[];

  @ApiProperty({ example: 459_800, description: 'What the customer paid, minor units' })
  @IsMinorAmount()
  paidAmountMinor!: number;

  @ApiProperty({ example: 'CNY' }) @IsCurrency() currency!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T18:15:00+08:00' })
  @IsTimestamp()
  purchasedAt!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-01T18:20:00+08:00',
    description: 'Delivery sign-off, when known now; otherwise PATCH /purchases/{id}/delivery later',
  })
  @IsOptional()
  @IsTimestamp()
  deliveredAt?: string;

  @ApiPropertyOptional({
    example: 'E10023',
    description: 'The employee who made the sale (HR id): credited on their monthly scorecard in training',
  })
  @IsOptional()
  @IsPlainRef()
  salesEmployeeId?: string;
}
