import { IsIanaTimeZone, PeriodQuery } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MAX_BIRTHDAY_DAYS } from '../../care/birthday.rules';
import { Bucket, BUCKETS } from '../period';

/** The range, its buckets and the zone every analytics endpoint takes. */
export class AnalyticsQuery extends PeriodQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description:
      'Start, included. Default: twelve months before to. YYYY-MM-DD is local midnight in timeZone; a date-time needs Z or an offset.',
  })
  override from?: string;

  @ApiPropertyOptional({
    example: '2027-01-01',
    description: 'End, excluded. Default: the end of the current period',
  })
  override to?: string;

  @ApiPropertyOptional({ description: 'Zone of dates and of period boundaries' })
  override timeZone?: string;

  @ApiPropertyOptional({ enum: BUCKETS, default: 'month', description: 'The periods the range is cut into' })
  @IsOptional()
  @IsIn(BUCKETS)
  period?: Bucket;
}

export class BirthdayCountQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_BIRTHDAY_DAYS, default: 7, type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BIRTHDAY_DAYS)
  days: number = 7;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', default: 'UTC' })
  @IsOptional()
  @IsString()
  @IsIanaTimeZone()
  timeZone: string = 'UTC';
}
