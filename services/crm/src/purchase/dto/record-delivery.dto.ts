import { IsTimestamp, PURCHASE_SOURCES, PurchaseSource } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** PATCH /purchases/{id}/delivery */
export class RecordDeliveryDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-03T16:40:00+08:00', description: 'The sign-off' })
  @IsTimestamp()
  deliveredAt!: string;
}

/** POST /purchases/deliveries: the sign-off of a purchase named by its source and order id. */
export class RecordOrderDeliveryDto extends RecordDeliveryDto {
  @ApiProperty({ enum: PURCHASE_SOURCES }) @IsIn(PURCHASE_SOURCES) source!: PurchaseSource;
  @ApiProperty({ example: 'SO-2026-000451' }) @IsPlainRef() orderId!: string;
}
