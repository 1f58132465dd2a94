import { IsPlainRef } from '@cx/platform';
import { IsText, SCORECARD_FIGURES, ScorecardFigureCode, ServiceName } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { MEASURE_DEPARTMENTS, MEASURE_STATUSES, MeasureStatus } from '../improvement-measure.rules';

/** POST /improvement-measures: a department's answer to a CX report. */
export class CreateImprovementMeasureDto {
  @ApiProperty({ format: 'uuid', description: 'The CX report it answers' })
  @IsUUID()
  reportId!: string;

  @ApiProperty({
    enum: MEASURE_DEPARTMENTS,
    example: 'complaints',
    description: 'The department that answers; a lead answers for the department of their dept claim only',
  })
  @IsIn(MEASURE_DEPARTMENTS)
  department!: ServiceName;

  @ApiProperty({ example: '72 小时内解决率回到 95% 以上：每日晨会复盘超时工单' })
  @IsText(500)
  goal!: string;

  @ApiProperty({ example: 'E10023', description: 'Employee number of who carries it out' })
  @IsPlainRef()
  ownerId!: string;

  @ApiProperty({ example: '2027-01-31', description: 'YYYY-MM-DD, from the end of the report’s period on' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must read YYYY-MM-DD' })
  dueDate!: string;

  @ApiProperty({ enum: SCORECARD_FIGURES, description: 'The scorecard KPI it must move' })
  @IsIn(SCORECARD_FIGURES)
  kpi!: ScorecardFigureCode;

  @ApiPropertyOptional({ enum: MEASURE_STATUSES, default: 'planned' })
  @IsOptional()
  @IsIn(MEASURE_STATUSES)
  status?: MeasureStatus;
}

/** POST /improvement-measures/{id}/status */
export class MeasureStatusDto {
  @ApiProperty({ enum: MEASURE_STATUSES })
  @IsIn(MEASURE_STATUSES)
  status!: MeasureStatus;
}
