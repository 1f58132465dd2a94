import { WARRANTY_CLASSES, WarrantyClass } from '@cx/contracts';
import { DAY_MS } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';
import { WARRANTY_STATUSES, WarrantyStatus } from './warranty.entity';
import type { WarrantyCard } from './warranty.repository';
import { Coverage, coverageOf } from './warranty.rules';

const COVERAGES: Coverage[] = ['not-started', 'in-force', 'expired', 'replaced'];

/** A warranty and its card: what is covered, from when to when, and where it stands now. */
export class WarrantyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SO-2026-000123' }) orderId!: string;
  @ApiProperty({ example: 'L2' }) lineId!: string;
  @ApiProperty({
    example: 1,
    description: 'Which item of the line (1 to its quantity): one warranty per item',
  })
  unit!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) customerId!: string | null;
  @ApiProperty({ example: 'SH-001' }) storeId!: string;
  @ApiProperty({ example: 'PH-9-128-BLK' }) sku!: string;
  @ApiProperty({ example: 'phones' }) category!: string;
  @ApiProperty({ example: 'Phone 9 128 GB black' }) productName!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SN-7F3K2Q9' }) serialNumber!: string | null;
  @ApiProperty({ description: 'Items on the purchased line' }) quantity!: number;
  @ApiProperty({ enum: WARRANTY_CLASSES, nullable: true }) warrantyClass!: WarrantyClass | null;
  @ApiProperty({ description: 'The term in force when it was registered' }) termMonths!: number;
  @ApiProperty({ format: 'date-time' }) purchasedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Sign-off when known, else purchase' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Covered up to, not at, this instant' }) endsAt!: string;
  @ApiProperty({ enum: WARRANTY_STATUSES }) status!: WarrantyStatus;
  @ApiProperty({ enum: COVERAGES, description: 'Where it stands now' }) coverage!: Coverage;
  @ApiProperty({ description: 'Whole days of cover left (0 when not in force)' }) daysLeft!: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The warranty it continues (an exchange)',
  })
  replacesId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Where it moved (an exchange)' })
  replacedById!: string | null;
}

export function toWarrantyView(w: WarrantyCard, now: Date): WarrantyView {
  const coverage = coverageOf(w, now);
  return {
    id: w.id,
    orderId: w.orderId,
    lineId: w.lineId,
    unit: w.unit,
    customerId: w.customerId,
    storeId: w.storeId,
    sku: w.sku,
    category: w.category,
    productName: w.productName,
    serialNumber: w.serialNumber,
    quantity: w.quantity,
    warrantyClass: w.warrantyClass,
    termMonths: w.termMonths,
    purchasedAt: w.purchasedAt.toISOString(),
    deliveredAt: w.deliveredAt?.toISOString() ?? null,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    status: w.status,
    coverage,
    daysLeft: coverage === 'in-force' ? Math.floor((w.endsAt.getTime() - now.getTime()) / DAY_MS) : 0,
    replacesId: w.replacesId,
    replacedById: w.replacedById,
  };
}
