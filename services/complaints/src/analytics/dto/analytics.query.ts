import { COMPLAINT_CHANNELS, ComplaintChannel, IsCode } from '@cx/contracts';
import { IsPlainRef, PeriodQuery } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** The period and filters every analytics endpoint takes. */
export class AnalyticsQuery extends PeriodQuery {
  @ApiPropertyOptional({
    description:
      'Start of the period, included. Default: 30 days before to. YYYY-MM-DD is local midnight in timeZone; a date-time needs Z or an offset.',
  })
  override from?: string;

  @ApiPropertyOptional({
    description:
      'End of the period, excluded. Default: now. YYYY-MM-DD is local midnight in timeZone; a date-time needs Z or an offset.',
  })
  override to?: string;

  @ApiPropertyOptional({ description: 'Zone of date-only bounds and of day/week/month buckets' })
  override timeZone?: string;

  @ApiPropertyOptional({
    example: 'SH-001',
    description: 'Only complaints about this store (and, for the complaint rate, its orders)',
  })
  @IsOptional()
  @IsPlainRef()
  storeId?: string;

  @ApiPropertyOptional({
    example: 'product-quality',
    description: 'Only this category and the categories below it in the taxonomy',
  })
  @IsOptional()
  @IsCode()
  category?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_CHANNELS })
  @IsOptional()
  @IsIn(COMPLAINT_CHANNELS)
  channel?: ComplaintChannel;

  @ApiPropertyOptional({ example: 'quality', description: 'Only complaints handled by this department' })
  @IsOptional()
  @IsCode()
  department?: string;

  @ApiPropertyOptional({
    example: 'E10023',
    description:
      'Only complaints credited to this owner: the owner at resolution (an open one: its owner now)',
  })
  @IsOptional()
  @IsPlainRef()
  ownerId?: string;
}

export const GROUP_BY = ['category', 'store', 'channel', 'product', 'owner', 'day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export class CountsQuery extends AnalyticsQuery {
  @ApiPropertyOptional({
    enum: GROUP_BY,
    default: 'category',
    description: 'day/week/month: time series with empty buckets as 0 (weeks start on Monday)',
  })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy: GroupBy = 'category';

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'Most groups returned (largest first); not applied to time series',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

export class HotSpotsQuery extends AnalyticsQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 10,
    description: 'How many categories, stores and products',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  top: number = 10;
}

export const COST_GROUP_BY = ['category', 'store'] as const;
export type CostGroupBy = (typeof COST_GROUP_BY)[number];

export class CompensationCostQuery extends AnalyticsQuery {
  @ApiPropertyOptional({ enum: COST_GROUP_BY, default: 'category' })
  @IsOptional()
  @IsIn(COST_GROUP_BY)
  groupBy: CostGroupBy = 'category';
}
