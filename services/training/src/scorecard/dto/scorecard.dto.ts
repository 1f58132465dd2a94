import { IsNested } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = '$property must be a month YYYY-MM';

export class MonthParams {
  @ApiProperty({ example: '2026-11' })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month!: string;
}

export class CardsQuery {
  @ApiPropertyOptional({ example: 'SH-001' })
  @IsOptional()
  @IsPlainRef()
  storeId?: string;
}

export class AwardsQuery {
  @ApiProperty({ example: '2026-01' })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  from!: string;

  @ApiProperty({ example: '2026-12' })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  to!: string;
}

/** One number per metric. */
export class MetricNumbersDto {
  @ApiProperty() @IsNumber() @Min(0) @Max(1_000) satisfaction!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1_000) compliance!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1_000) complaintHandling!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1_000) training!: number;
  @ApiPropertyOptional({ description: 'Absent: 0 for a weight, 1 for a minimum (added after the others)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1_000)
  sales?: number;
}

/** PUT /admin/policies/scorecard */
export class ScorecardPolicyDto {
  @ApiProperty({ type: MetricNumbersDto, description: 'Relative weights; 0 leaves a metric out' })
  @IsNested(() => MetricNumbersDto)
  weights!: MetricNumbersDto;

  @ApiProperty({ type: MetricNumbersDto, description: 'Samples a metric needs in a month to count' })
  @IsNested(() => MetricNumbersDto)
  minSamples!: MetricNumbersDto;

  @ApiProperty({ example: 3, minimum: 0, maximum: 100, description: 'Star service employees per month' })
  @IsInt()
  @Min(0)
  @Max(100)
  starCount!: number;
}

/** PUT /admin/scorecards/{month}/staff-satisfaction */
export class StaffSatisfactionDto {
  @ApiProperty({ example: 'SH-001' })
  @IsPlainRef()
  storeId!: string;

  @ApiProperty({
    example: 88.5,
    minimum: 0,
    maximum: 100,
    description: 'Share of staff satisfied, in percent',
  })
  @IsNumber()
  @Min(0)
  @Max(100)
  satisfiedPct!: number;

  @ApiProperty({ example: 24, minimum: 1 })
  @IsInt()
  @Min(1)
  respondents!: number;
}
