import {
  COMPLAINT_CHANNELS,
  ComplaintChannel,
  OptionalField,
  PRIORITIES,
  Priority,
  TIERS,
  Tier,
} from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsOptional, IsPositive, IsUUID, Max } from 'class-validator';
import { SlaRuleInput } from '../../policy/policy.service';
import { MAX_SLA_HOURS } from './patterns';
import { NotLessThan } from './validators';

/**
 * An SLA rule: the most specific matching rule wins (priority, channel, tier; absent or null = any).
 * At least one criterion is required; no two rules may match on the same criteria.
 */
export class SlaRuleDto implements SlaRuleInput {
  @ApiPropertyOptional({ enum: PRIORITIES, nullable: true, example: 'P1' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority: Priority | null = null;

  @ApiPropertyOptional({ enum: COMPLAINT_CHANNELS, nullable: true })
  @IsOptional()
  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel | null = null;

  @ApiPropertyOptional({ enum: TIERS, nullable: true })
  @IsOptional()
  @IsIn(TIERS)
  tier: Tier | null = null;

  @ApiProperty({ example: 4, exclusiveMinimum: true, minimum: 0, maximum: MAX_SLA_HOURS })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_SLA_HOURS)
  firstResponseHours!: number;

  @ApiProperty({
    example: 24,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_SLA_HOURS,
    description: 'Not less than firstResponseHours',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_SLA_HOURS)
  @NotLessThan('firstResponseHours')
  resolutionHours!: number;

  @ApiPropertyOptional({
    default: false,
    description: "Count the hours in the store's business calendar instead of around the clock",
  })
  @OptionalField()
  @IsBoolean()
  businessHours: boolean = false;
}

export class SlaRuleParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}
