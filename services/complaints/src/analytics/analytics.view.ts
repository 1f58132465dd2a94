// What the analytics endpoints answer: documents for a dashboard. Field names are stable; numbers
// are numbers; every rate is a fraction 0..1 next to the counts it is computed from.
import { COMPLAINT_CHANNELS, ComplaintChannel } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COST_GROUP_BY, CostGroupBy, GROUP_BY, GroupBy } from './dto/analytics.query';

export class PeriodView {
  @ApiProperty({ example: '2026-03-01T00:00:00.000Z', description: 'Included' }) from!: string;
  @ApiProperty({ example: '2026-04-01T00:00:00.000Z', description: 'Excluded' }) to!: string;
  @ApiProperty({ example: 'UTC' }) timeZone!: string;
}

export class FiltersView {
  @ApiProperty({ nullable: true, type: String, example: null }) storeId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) category!: string | null;
  @ApiProperty({ nullable: true, enum: COMPLAINT_CHANNELS, example: null }) channel!: ComplaintChannel | null;
  @ApiProperty({ nullable: true, type: String, example: null }) department!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'The owner at resolution' })
  ownerId!: string | null;
}

export class CountGroupView {
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'product-quality',
    description:
      'The category, store, channel, product or owner; null = none recorded (e.g. no product). Buckets: local start date YYYY-MM-DD',
  })
  key!: string | null;
  @ApiProperty({ example: 12 }) count!: number;
  @ApiProperty({ example: 0.4, description: 'count / total' }) share!: number;
}

export class CountsView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: FiltersView }) filters!: FiltersView;
  @ApiProperty({ enum: GROUP_BY }) groupBy!: GroupBy;
  @ApiProperty({
    example: 30,
    description: 'Complaints in the period (all groups, also those past the limit)',
  })
  total!: number;
  @ApiProperty({ type: [CountGroupView], description: 'Largest first; time buckets in time order' })
  groups!: CountGroupView[];
  @ApiProperty({ description: 'More groups exist than the limit let through' }) truncated!: boolean;
}

export class HotSpotView {
  @ApiProperty({ example: 'delivery' }) key!: string;
  @ApiProperty({ example: 12 }) count!: number;
  @ApiProperty({ example: 8, description: 'Count in the previous period of the same length' })
  previousCount!: number;
  @ApiProperty({ example: 4, description: 'count - previousCount' }) change!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 50,
    description: 'change / previousCount * 100; null when previousCount is 0',
  })
  changePercent!: number | null;
}

export class HotSpotsView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: PeriodView, description: 'Same length, just before period' })
  previousPeriod!: PeriodView;
  @ApiProperty({ type: FiltersView }) filters!: FiltersView;
  @ApiProperty({ example: 10 }) top!: number;
  @ApiProperty({ type: [HotSpotView] }) categories!: HotSpotView[];
  @ApiProperty({ type: [HotSpotView], description: 'Complaints without a store are not a store hot spot' })
  stores!: HotSpotView[];
  @ApiProperty({
    type: [HotSpotView],
    description: 'By product SKU; complaints without a product are left out',
  })
  products!: HotSpotView[];
}

export class TargetView {
  @ApiProperty({ enum: ['>=', '<='] }) operator!: '>=' | '<=';
  @ApiProperty({ example: 0.95 }) value!: number;
  @ApiProperty({ enum: ['fraction', 'hours'] }) unit!: 'fraction' | 'hours';
  @ApiPropertyOptional({ enum: ['p90'], description: 'For durations: the statistic held to the target' })
  statistic?: 'p90';
  @ApiProperty({
    example: 'kpiTargets.resolutionRate',
    description: 'The policy setting the value comes from (GET /admin/policies)',
  })
  source!: string;
}

export class RateKpiView {
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 0.9,
    description: 'numerator / denominator; null when the denominator is 0',
  })
  rate!: number | null;
  @ApiProperty({ example: 9 }) numerator!: number;
  @ApiProperty({ example: 10 }) denominator!: number;
  @ApiProperty({
    type: TargetView,
    nullable: true,
    description: 'null: the scorecard sets no target for this figure',
  })
  target!: TargetView | null;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'null when there is no target or nothing measured',
  })
  meetsTarget!: boolean | null;
}

export class OwnerSatisfactionView {
  @ApiProperty({ example: 'agent-7' }) ownerId!: string;
  @ApiProperty({ example: 0.75 }) rate!: number;
  @ApiProperty({ example: 3, description: 'Satisfied answers' }) numerator!: number;
  @ApiProperty({ example: 4, description: 'Answers' }) denominator!: number;
}

export class SatisfactionKpiView extends RateKpiView {
  @ApiProperty({ type: [OwnerSatisfactionView], description: 'Per current owner, by ownerId' })
  byOwner!: OwnerSatisfactionView[];
}

export class DurationKpiView {
  @ApiProperty({ example: 10, description: 'Complaints measured' }) count!: number;
  @ApiProperty({ nullable: true, type: Number, example: 7.5 }) meanHours!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 20.1, description: '90th percentile (continuous)' })
  p90Hours!: number | null;
  @ApiProperty({ type: TargetView }) target!: TargetView;
  @ApiProperty({ nullable: true, type: Boolean }) meetsTarget!: boolean | null;
}

export class KpisView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: FiltersView }) filters!: FiltersView;
  @ApiProperty({
    example: '2026-04-02T09:00:00.000Z',
    description: 'Deadlines are judged as of this instant',
  })
  asOf!: string;
  @ApiProperty({
    example: 40,
    description: 'Complaints received in the period (merged duplicates not counted)',
  })
  received!: number;
  @ApiProperty({ example: 1 }) withdrawn!: number;
  @ApiProperty({ example: 5000, description: 'Orders recorded in the period (store filter applied)' })
  orders!: number;
  @ApiProperty({ type: RateKpiView, description: 'received / orders' }) complaintRate!: RateKpiView;
  @ApiProperty({ type: RateKpiView, description: 'resolved or closed / received minus withdrawn' })
  resolutionRate!: RateKpiView;
  @ApiProperty({
    type: RateKpiView,
    description:
      'flagged repeat / received; target: half the rate of the same period a year earlier (seed 001)',
  })
  repeatRate!: RateKpiView;
  @ApiProperty({ type: RateKpiView, description: 'The repeat rate of the same period a year earlier' })
  repeatRateYearBefore!: RateKpiView;
  @ApiProperty({ type: RateKpiView, description: 'reopened at least once / received' })
  reopenRate!: RateKpiView;
  @ApiProperty({
    type: RateKpiView,
    description: 'first response by its due time / complaints answered or past due',
  })
  firstResponseSla!: RateKpiView;
  @ApiProperty({ type: RateKpiView, description: 'solved by its due time / complaints solved or past due' })
  resolutionSla!: RateKpiView;
  @ApiProperty({ type: SatisfactionKpiView, description: 'satisfied / answered return-visit surveys' })
  satisfaction!: SatisfactionKpiView;
  @ApiProperty({ type: DurationKpiView, description: 'receipt to first response' })
  firstResponseTime!: DurationKpiView;
  @ApiProperty({ type: DurationKpiView, description: 'receipt to solution' })
  resolutionTime!: DurationKpiView;
}

export class CostGroupView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'product-quality',
    description: 'null: no store given',
  })
  key!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CNY',
    description: 'null: points given without a cost',
  })
  currency!: string | null;
  @ApiProperty({ example: 125000, description: 'Sum in integer minor units of that currency' })
  amountMinor!: number;
  @ApiProperty({ example: 500, description: 'Goodwill points given' }) points!: number;
  @ApiProperty({ example: 7, description: 'Compensations given' }) compensations!: number;
  @ApiProperty({ example: 5, description: 'Complaints compensated' }) complaints!: number;
}

export class CompensationCostView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: FiltersView }) filters!: FiltersView;
  @ApiProperty({ enum: COST_GROUP_BY }) groupBy!: CostGroupBy;
  @ApiProperty({ type: [CostGroupView], description: 'Per group and currency, largest amount first' })
  groups!: CostGroupView[];
}
