import { WARRANTY_CLASSES, WarrantyClass } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { CategoryPolicyEntity, StoreZoneEntity, WarrantyTermEntity } from '../policy/policy.entity';

export class ClassTermView {
  @ApiProperty({ enum: WARRANTY_CLASSES }) warrantyClass!: WarrantyClass;
  @ApiProperty({ example: 24 }) months!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export class CategoryPolicyView {
  @ApiProperty({ example: 'phones' }) category!: string;
  @ApiProperty({ type: Number, nullable: true }) warrantyMonths!: number | null;
  @ApiProperty() specialReturns!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export class StoreZoneView {
  @ApiProperty({ example: 'SH-001' }) storeId!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export class WarrantyPolicyView {
  @ApiProperty({ type: [ClassTermView] }) classes!: ClassTermView[];
  @ApiProperty({ type: [CategoryPolicyView] }) categories!: CategoryPolicyView[];
  @ApiProperty({ type: [StoreZoneView] }) stores!: StoreZoneView[];
}

export const toClassTermView = (t: WarrantyTermEntity): ClassTermView => ({
  warrantyClass: t.warrantyClass,
  months: t.months,
  updatedAt: t.updatedAt.toISOString(),
  updatedBy: t.updatedBy,
});

export const toCategoryPolicyView = (c: CategoryPolicyEntity): CategoryPolicyView => ({
  category: c.category,
  warrantyMonths: c.warrantyMonths,
  specialReturns: c.specialReturns,
  updatedAt: c.updatedAt.toISOString(),
  updatedBy: c.updatedBy,
});

export const toStoreZoneView = (s: StoreZoneEntity): StoreZoneView => ({
  storeId: s.storeId,
  timeZone: s.timeZone,
  updatedAt: s.updatedAt.toISOString(),
  updatedBy: s.updatedBy,
});
