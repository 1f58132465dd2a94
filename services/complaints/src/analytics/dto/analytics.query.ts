import { COMPLAINT_CHANNELS, ComplaintChannel, IsCode, isTimestamp } from '@cx/contracts';
import { isCalendarDate, IsPlainRef } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { buildMessage, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import { IsIanaTimeZone } from '../../admin/dto/validators';

/** A date, or the contracts' timestamp (with its offset): a bare local time would be read in the server's zone. */
const IsDateOrTimestamp = () =>
  ValidateBy({
    name: 'isDateOrTimestamp',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && (isCalendarDate(value) || isTimestamp(value)),
      defaultMessage: buildMessage(
        () =>
          '$property must be YYYY-MM-DD or a date-time with Z or an offset, e.g. 2026-03-01T09:30:00+08:00',
      ),
    },
  });

const instant = (name: string, when: string) =>
  ApiPropertyOptional({
    example: name === 'from' ? '2026-03-01' : '2026-04-01',
    description: `${when}. YYYY-MM-DD is local midnight in timeZone; a date-time needs Z or an offset.`,
  });

/** The period and filters every analytics endpoint takes. */
export class AnalyticsQuery {
  @instant('from', 'Start of the period, included. Default: 30 days before to')
  @IsOptional()
  @IsDateOrTimestamp()
  from?: string;

  @instant('to', 'End of the period, excluded. Default: now')
  @IsOptional()
  @IsDateOrTimestamp()
  to?: string;

  @ApiPropertyOptional({
    example: 'Asia/Shanghai',
    default: 'UTC',
    description: 'Zone of date-only bounds and of day/week/month buckets',
  })
  @IsOptional()
  @IsString()
  @IsIanaTimeZone()
  timeZone?: string;

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
