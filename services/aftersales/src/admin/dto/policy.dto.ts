import { IsCode, WARRANTY_CLASSES, WarrantyClass } from '@cx/contracts';
import { IsIanaTimeZone, IsPlainRef } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';

export class WarrantyClassParams {
  @ApiProperty({ enum: WARRANTY_CLASSES }) @IsIn(WARRANTY_CLASSES) code!: WarrantyClass;
}

export class CategoryParams {
  @ApiProperty({ example: 'phones' }) @IsCode() code!: string;
}

export class StoreParams {
  @ApiProperty({ example: 'SH-001' }) @IsPlainRef() storeId!: string;
}

/** PUT /admin/policies/terms/{code} */
export class SetClassTermDto {
  @ApiProperty({ example: 24, description: 'Warranty months for purchases registered from now on' })
  @IsInt()
  @Min(0)
  @Max(120)
  months!: number;
}

/** PUT /admin/policies/categories/{code} */
export class SetCategoryPolicyDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 36,
    description: "The category's own term; null: its class's",
  })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(120)
  warrantyMonths!: number | null;

  @ApiProperty({ description: 'Returns within 15 days of sign-off instead of 7 (a special category)' })
  @IsBoolean()
  specialReturns!: boolean;
}

/** PUT /admin/policies/stores/{storeId} */
export class SetStoreZoneDto {
  @ApiProperty({ example: 'Asia/Shanghai' }) @IsIanaTimeZone() timeZone!: string;
}

/** A parts catalogue or price list entry's code. */
export class CodeParams {
  @ApiProperty({ example: 'battery-x200' }) @IsCode() code!: string;
}
