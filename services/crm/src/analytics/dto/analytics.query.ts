import { isTimestamp } from '@cx/contracts';
import { isCalendarDate } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { buildMessage, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import { MAX_BIRTHDAY_DAYS } from '../../care/birthday.rules';
import { IsIanaTimeZone } from '../../care/dto/validators';
import { Bucket, BUCKETS } from '../period';

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

/** The range, its buckets and the zone every analytics endpoint takes. */
export class AnalyticsQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description:
      'Start, included. Default: twelve months before to. YYYY-MM-DD is local midnight in timeZone; a date-time needs Z or an offset.',
  })
  @IsOptional()
  @IsDateOrTimestamp()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-01-01',
    description: 'End, excluded. Default: the end of the current period',
  })
  @IsOptional()
  @IsDateOrTimestamp()
  to?: string;

  @ApiPropertyOptional({
    example: 'Asia/Shanghai',
    default: 'UTC',
    description: 'Zone of dates and of period boundaries',
  })
  @IsOptional()
  @IsString()
  @IsIanaTimeZone()
  timeZone?: string;

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
