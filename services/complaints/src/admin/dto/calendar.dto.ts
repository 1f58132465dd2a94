import { OptionalField } from '@cx/contracts';
import { IsIanaTimeZone, IsPlainRef } from '@cx/platform';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TimeRange } from '../../policy/policy.rules';
import { CalendarInput, DEFAULT_CALENDAR } from '../../policy/policy.service';
import { CLOCK_TIME, CLOCK_TIME_OR_MIDNIGHT } from './patterns';
import { HasNoOverlaps, HasOpeningHours, IsCalendarDate, IsLaterThanFrom } from './validators';

export class TimeRangeDto implements TimeRange {
  @ApiProperty({ example: '10:00', description: 'Local opening time HH:MM' })
  @Matches(CLOCK_TIME, { message: 'from must be a local time HH:MM (00:00 to 23:59)' })
  from!: string;

  @ApiProperty({
    example: '22:00',
    description: "Local closing time HH:MM, later than from; '24:00' closes at midnight",
  })
  @Matches(CLOCK_TIME_OR_MIDNIGHT, { message: 'to must be a local time HH:MM (00:01 to 24:00)' })
  @IsLaterThanFrom()
  to!: string;
}

/** One weekday's opening hours: [from, to) ranges, not overlapping; absent or [] = closed. */
const OpeningHoursOf = (weekday: string) =>
  applyDecorators(
    ApiPropertyOptional({
      type: [TimeRangeDto],
      description: `${weekday}: [from, to) ranges, not overlapping; absent or [] = closed`,
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(6),
    ValidateNested({ each: true }),
    Type(() => TimeRangeDto),
    HasNoOverlaps(),
  );

/** Opening hours per weekday, keyed as Date#getDay: '0' = Sunday ... '6' = Saturday. */
export class WeeklyHoursDto {
  @OpeningHoursOf('Sunday') '0'?: TimeRangeDto[];
  @OpeningHoursOf('Monday') '1'?: TimeRangeDto[];
  @OpeningHoursOf('Tuesday') '2'?: TimeRangeDto[];
  @OpeningHoursOf('Wednesday') '3'?: TimeRangeDto[];
  @OpeningHoursOf('Thursday') '4'?: TimeRangeDto[];
  @OpeningHoursOf('Friday') '5'?: TimeRangeDto[];
  @OpeningHoursOf('Saturday') '6'?: TimeRangeDto[];
}

/** A store's business calendar, replaced as a whole by PUT. */
export class CalendarDto implements CalendarInput {
  @ApiProperty({
    example: 'Asia/Shanghai',
    description: 'IANA time zone the hours and holidays are written in',
  })
  @IsString()
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ type: WeeklyHoursDto })
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  @HasOpeningHours()
  weekly!: WeeklyHoursDto;

  @ApiPropertyOptional({
    type: [String],
    example: ['2026-10-01', '2026-10-02'],
    description: 'Local dates YYYY-MM-DD the store is closed',
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(400)
  @ArrayUnique()
  @IsCalendarDate({ each: true })
  holidays: string[] = [];
}

export class CalendarParams {
  @ApiProperty({ example: 'SH-001', description: "A store id, or '*' for the default calendar" })
  @ValidateIf((p: CalendarParams) => p.storeId !== DEFAULT_CALENDAR)
  @IsPlainRef()
  storeId!: string;
}
