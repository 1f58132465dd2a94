import { IsCode, IsRef, OptionalField } from '@cx/contracts';
import { PeriodQuery } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TREND_INTERVALS, TrendInterval } from '../scores.rules';

/** A trend of one store, touchpoint or employee (or everything) per week, month or quarter. */
export class TrendsQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: TREND_INTERVALS, default: 'month' })
  @IsOptional()
  @IsIn(TREND_INTERVALS)
  interval?: TrendInterval;

  @ApiPropertyOptional({ example: 'SH-001' }) @OptionalField() @IsRef() storeId?: string;
  @ApiPropertyOptional({ example: 'checkout' }) @OptionalField() @IsCode() touchpoint?: string;
  @ApiPropertyOptional({ example: 'E1001' }) @OptionalField() @IsRef() employeeId?: string;
}
