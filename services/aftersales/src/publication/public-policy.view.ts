import { WARRANTY_CLASSES, WarrantyClass } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class PublishedTermView {
  @ApiProperty({ enum: WARRANTY_CLASSES }) warrantyClass!: WarrantyClass;
  @ApiProperty({ example: 12 }) months!: number;
}

export class PublishedCategoryView {
  @ApiProperty({ example: 'watches' }) category!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Its own warranty term, if any' })
  warrantyMonths!: number | null;
  @ApiProperty({ example: 15, description: 'Days after sign-off to ask for a return or exchange' })
  returnDays!: number;
}

export class PublishedPriceView {
  @ApiProperty({ example: 'battery-replacement' }) code!: string;
  @ApiProperty({ example: 'Battery replacement' }) name!: string;
  @ApiProperty({ example: 6_000, description: 'Labour, in minor units; parts at catalogue prices' })
  labourMinor!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
}

/** What seed 004 ch. 7 says is shown in store and online: the warranty policy and the repair price list. */
export class PublicPolicyView {
  @ApiProperty({ type: [PublishedTermView] }) warrantyTerms!: PublishedTermView[];
  @ApiProperty({ example: 7 }) returnDays!: number;
  @ApiProperty({ example: 15 }) specialReturnDays!: number;
  @ApiProperty({
    type: [PublishedCategoryView],
    description: 'Categories with their own term or 15-day returns',
  })
  categories!: PublishedCategoryView[];
  @ApiProperty({ example: 'Quality faults within the warranty are repaired or replaced free of charge.' })
  statement!: string;
  @ApiProperty({ type: [PublishedPriceView] }) repairPrices!: PublishedPriceView[];
}
