import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  PERIOD_LABEL,
  REPORT_LANGUAGES,
  REPORT_PERIODS,
  ReportLanguage,
  ReportPeriod,
} from '../cx-report.rules';

/** POST /cx-reports: a report made now, on the CX lead's request. */
export class CreateCxReportDto {
  @ApiProperty({ enum: REPORT_PERIODS, example: 'month' })
  @IsIn(REPORT_PERIODS)
  period!: ReportPeriod;

  @ApiPropertyOptional({
    example: '2026-11',
    pattern: PERIOD_LABEL.source,
    description: 'YYYY-MM for a month, YYYY-Qn for a quarter, ended already; default the last one ended',
  })
  @IsOptional()
  @Matches(PERIOD_LABEL, { message: 'label must read YYYY-MM or YYYY-Qn' })
  label?: string;

  @ApiPropertyOptional({ example: 'SH-001', description: 'One store; default the whole company' })
  @IsOptional()
  @IsPlainRef()
  storeId?: string;

  @ApiPropertyOptional({ enum: REPORT_LANGUAGES, default: 'zh-CN' })
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  language?: ReportLanguage;
}
