import { CursorPageQuery, IsPlainRef } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REPORT_PERIODS, ReportPeriod } from '../cx-report.rules';

export class ListCxReportsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: REPORT_PERIODS })
  @IsOptional()
  @IsIn(REPORT_PERIODS)
  period?: ReportPeriod;

  @ApiPropertyOptional({ example: 'SH-001', description: 'Only the reports of this store' })
  @IsOptional()
  @IsPlainRef()
  storeId?: string;
}
