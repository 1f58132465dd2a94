import { IsCode } from '@cx/contracts';
import { IsPlainRef, PeriodQuery } from '@cx/platform';
import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

/** GET /admin/coverage: deadlines that fell in [from, to); default the last 12 months. */
export class CoverageQuery extends PeriodQuery {
  @ApiPropertyOptional({ example: 'SH-001' })
  @IsOptional()
  @IsPlainRef()
  storeId?: string;

  @ApiPropertyOptional({ example: 'sales' })
  @IsOptional()
  @IsCode()
  department?: string;
}

/** GET /admin/coverage/overdue: the same store and department filters, no period (overdue is as of now). */
export class OverdueQuery extends PickType(CoverageQuery, ['storeId', 'department'] as const) {}
