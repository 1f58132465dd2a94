import { ApiProperty } from '@nestjs/swagger';
import { CardRow, MonthRow } from './scorecard.repository';

export class ScorecardView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ enum: ['employee', 'store'] }) scope!: 'employee' | 'store';
  @ApiProperty({ example: 'E10023', description: 'The employee number or the store id' }) subjectId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SH-001' }) storeId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'responses, satisfactionPct, audits, compliancePct, complaints, resolved, resolvedInSla, complaintHandlingPct, avgResolutionHours, breaches, attempts, trainingAvg, counted; stores: staffSatisfactionPct, staffRespondents, staffSatisfactionMeetsTarget',
  })
  figures!: Record<string, unknown>;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '0-100, null when no metric reached its minimum',
  })
  score!: number | null;
  @ApiProperty({ description: 'Every weighted metric reached its minimum sample (award eligible)' })
  clearsMinimums!: boolean;
  @ApiProperty({ type: Number, nullable: true }) rankInStore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rankOverall!: number | null;
}

export const toScorecardView = (c: CardRow): ScorecardView => ({ ...c });

export class MonthView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ description: 'Facts arrived since the scorecards were computed (open months only)' })
  stale!: boolean;
  @ApiProperty({ description: 'Facts that arrived after the month was closed (kept, not counted)' })
  lateFacts!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) recomputedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedBy!: string | null;
}

export const toMonthView = (m: MonthRow & { stale: boolean; lateFacts: number }): MonthView => ({
  month: m.month,
  status: m.status,
  stale: m.stale,
  lateFacts: m.lateFacts,
  recomputedAt: m.recomputedAt?.toISOString() ?? null,
  closedAt: m.closedAt?.toISOString() ?? null,
  closedBy: m.closedBy,
});

export class AwardView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'E10023' }) employeeId!: string;
  @ApiProperty({ type: String, nullable: true }) storeId!: string | null;
  @ApiProperty({ description: 'Rank among the award-eligible staff (ties share it)' }) rank!: number;
  @ApiProperty() score!: number;
}

export class MetricNumbersView {
  @ApiProperty() satisfaction!: number;
  @ApiProperty() compliance!: number;
  @ApiProperty() complaintHandling!: number;
  @ApiProperty() training!: number;
  @ApiProperty() sales!: number;
}

export class ScorecardPolicyView {
  @ApiProperty({ type: MetricNumbersView }) weights!: MetricNumbersView;
  @ApiProperty({ type: MetricNumbersView }) minSamples!: MetricNumbersView;
  @ApiProperty() starCount!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt!: string | null;
}
