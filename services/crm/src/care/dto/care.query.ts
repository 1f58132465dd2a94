import { CursorPageQuery, IsIanaTimeZone } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MAX_BIRTHDAY_DAYS } from '../birthday.rules';

export class BirthdaysQuery extends CursorPageQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_BIRTHDAY_DAYS,
    default: 7,
    type: Number,
    description: 'Today and the next days',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BIRTHDAY_DAYS)
  days: number = 7;

  @ApiPropertyOptional({
    default: 'UTC',
    description: 'IANA time zone that decides what "today" is',
    example: 'Asia/Shanghai',
  })
  @IsOptional()
  @IsString()
  @IsIanaTimeZone()
  timeZone: string = 'UTC';
}
