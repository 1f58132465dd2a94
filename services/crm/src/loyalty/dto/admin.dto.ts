import {
  IsCode,
  IsIntIn,
  TIERS,
  Tier,
  IsNumberIn,
  IsRefList,
  IsText,
  IsTimestamp,
  OptionalField,
} from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';

/** The lead's loyalty settings; fields left out keep their value. */
export class UpdateLoyaltySettingsDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1000,
    example: 1,
    description: 'Points per currency unit spent',
  })
  @OptionalField()
  @IsNumberIn(0, 1000)
  pointsPerUnit?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10_000,
    example: 100,
    description: 'Minor units per currency unit',
  })
  @OptionalField()
  @IsIntIn(1, 10_000)
  minorPerUnit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 365, example: 7 })
  @OptionalField()
  @IsIntIn(0, 365)
  returnWindowDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 365, example: 15 })
  @OptionalField()
  @IsIntIn(0, 365)
  specialReturnWindowDays?: number;

  @ApiPropertyOptional({
    type: [String],
    example: ['custom-made'],
    description: 'Categories with the longer window',
  })
  @OptionalField()
  @IsRefList(200)
  specialCategories?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, example: 365 })
  @OptionalField()
  @IsIntIn(1, 3650)
  expiryDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 365, example: 30 })
  @OptionalField()
  @IsIntIn(0, 365)
  expiryReminderDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 365, example: 30 })
  @OptionalField()
  @IsIntIn(0, 365)
  tierGraceDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, example: 30 })
  @OptionalField()
  @IsIntIn(1, 365)
  tierReviewDays?: number;
}

/** A tier's thresholds and benefits; fields left out keep their value. */
export class UpdateTierPolicyDto {
  @ApiPropertyOptional({ minimum: 0, example: 500_000, description: 'Rolling 12-month spend, minor units' })
  @OptionalField()
  @IsIntIn(0, Number.MAX_SAFE_INTEGER)
  minSpendMinor?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000, example: 5, description: 'Rolling 12-month purchases' })
  @OptionalField()
  @IsIntIn(0, 10_000)
  minPurchases?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 1.5 })
  @OptionalField()
  @IsNumberIn(0, 100)
  pointsMultiplier?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 10 })
  @OptionalField()
  @IsNumberIn(0, 100)
  discountPercent?: number;

  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  priorityService?: boolean;

  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  dedicatedContact?: boolean;
}

/** A bonus campaign: more points for purchases in its period (and categories). */
export class CreateCampaignDto {
  @ApiProperty({ example: 'spring-double', description: 'Kebab code, unique' })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'Spring double points' })
  @IsText(120)
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 10, example: 2 })
  @IsNumberIn(1, 10)
  multiplier!: number;

  @ApiPropertyOptional({
    type: [String],
    example: ['outerwear'],
    description: 'Absent or empty: every category',
  })
  @OptionalField()
  @IsRefList(200)
  categories?: string[];

  @ApiProperty({ format: 'date-time', example: '2026-03-01T00:00:00+08:00' })
  @IsTimestamp()
  startsAt!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-03-31T00:00:00+08:00',
    description: 'Later than startsAt',
  })
  @IsTimestamp()
  endsAt!: string;
}

export class TierParams {
  @ApiProperty({ enum: TIERS, example: 'gold', description: 'The tier code' })
  @IsIn(TIERS)
  code!: Tier;
}
