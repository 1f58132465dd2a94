import { SCORECARD_FIGURES, ScorecardFigureCode, SERVICES, ServiceName } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ImprovementMeasureEntity } from './improvement-measure.entity';
import { MEASURE_STATUSES, MeasureStatus, nextStatuses } from './improvement-measure.rules';

/** An improvement measure as the API answers it (no personal data: an employee number, ADR 12). */
export class ImprovementMeasureView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ enum: SERVICES, example: 'complaints' }) department!: ServiceName;
  @ApiProperty({ example: '72 小时内解决率回到 95% 以上' }) goal!: string;
  @ApiProperty({ example: 'E10023' }) ownerId!: string;
  @ApiProperty({ example: '2027-01-31' }) dueDate!: string;
  @ApiProperty({ enum: SCORECARD_FIGURES }) kpi!: ScorecardFigureCode;
  @ApiProperty({ enum: MEASURE_STATUSES }) status!: MeasureStatus;
  @ApiProperty({
    enum: MEASURE_STATUSES,
    isArray: true,
    example: ['in-progress', 'done', 'dropped'],
    description: 'The statuses it may move to now (POST …/status); empty once done or dropped',
  })
  nextStatuses!: MeasureStatus[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'lead-complaints' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toImprovementMeasureView(m: ImprovementMeasureEntity): ImprovementMeasureView {
  return {
    id: m.id,
    reportId: m.reportId,
    department: m.department,
    goal: m.goal,
    ownerId: m.ownerId,
    dueDate: m.dueDate,
    kpi: m.kpi,
    status: m.status,
    nextStatuses: [...nextStatuses(m.status)],
    createdAt: m.createdAt.toISOString(),
    createdBy: m.createdBy,
    updatedAt: m.updatedAt.toISOString(),
  };
}
