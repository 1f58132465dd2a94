import { TIERS, Tier } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, Max, Min } from 'class-validator';

/** PUT /admin/policies/care: the rules the segments are recomputed with (from the next recompute on). */
export class CareSettingsDto {
  @ApiProperty({
    enum: TIERS,
    isArray: true,
    example: ['gold', 'diamond'],
    description: 'Tiers whose members are VIPs',
  })
  @IsArray()
  @ArrayMaxSize(TIERS.length)
  @ArrayUnique()
  @IsIn(TIERS, { each: true })
  vipTiers!: Tier[];

  @ApiProperty({
    example: 2,
    minimum: 1,
    maximum: 20,
    description: "At risk after this many of the customer's own average gaps between purchases without one",
  })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(20)
  atRiskFactor!: number;

  @ApiProperty({
    example: 30,
    minimum: 1,
    maximum: 3650,
    description: '... and never sooner than this many days',
  })
  @IsInt()
  @Min(1)
  @Max(3650)
  atRiskMinDays!: number;

  @ApiProperty({
    example: 730,
    minimum: 30,
    maximum: 3650,
    description: 'Days of purchases the RFM scores look at',
  })
  @IsInt()
  @Min(30)
  @Max(3650)
  rfmWindowDays!: number;
}
