import { TIERS, Tier } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { BUCKETS, Bucket } from './period';

export class RangeView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ enum: BUCKETS }) period!: Bucket;
}

export class TierMembersView {
  @ApiProperty({ enum: TIERS }) tier!: Tier;
  @ApiProperty({ description: 'Active profiles in the tier now' }) members!: number;
}

export class TierChangeCountView {
  @ApiProperty({ type: String, enum: TIERS, nullable: true, description: 'null: a first assignment' })
  fromTier!: Tier | null;
  @ApiProperty({ enum: TIERS }) toTier!: Tier;
  @ApiProperty() changes!: number;
}

export class TierMovementView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() upgrades!: number;
  @ApiProperty() downgrades!: number;
  @ApiProperty() firstAssignments!: number;
  @ApiProperty({ type: [TierChangeCountView] }) changes!: TierChangeCountView[];
}

export class TiersView {
  @ApiProperty({ type: RangeView }) range!: RangeView;
  @ApiProperty({ type: [TierMembersView], description: 'Now, whatever the range' })
  members!: TierMembersView[];
  @ApiProperty({ type: [TierMovementView], description: 'One per period of the range' })
  movement!: TierMovementView[];
}

export class RepurchaseFiguresView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: 'Customers with at least one purchase (not fully refunded)' }) buyers!: number;
  @ApiProperty({ description: 'Of them, customers with two or more' }) repeaters!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'repeaters / buyers; null without buyers' })
  rate!: number | null;
}

export class RepurchasePeriodView extends RepurchaseFiguresView {
  @ApiProperty({ type: RepurchaseFiguresView, description: 'The same period a year earlier' })
  lastYear!: RepurchaseFiguresView;
  @ApiProperty({ type: Number, nullable: true, description: "Relative change against last year's rate" })
  change!: number | null;
  @ApiProperty({ example: 0.15, description: 'The relative change the rate should reach' }) target!: number;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null when there is no rate to compare with' })
  met!: boolean | null;
}

export class RepurchaseView {
  @ApiProperty({ type: RangeView }) range!: RangeView;
  @ApiProperty({ type: RepurchasePeriodView, description: 'The whole range' }) total!: RepurchasePeriodView;
  @ApiProperty({ type: [RepurchasePeriodView] }) periods!: RepurchasePeriodView[];
}

export class PointsFlowView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: 'Earned on purchases (pending at first) and granted as goodwill' })
  issued!: number;
  @ApiProperty() redeemed!: number;
  @ApiProperty() expired!: number;
  @ApiProperty({ description: 'Taken back on refunds' }) reversed!: number;
}

export class LiabilityView {
  @ApiProperty({ description: 'Spendable points held now' }) available!: number;
  @ApiProperty({ description: 'Points waiting for their return window to close' }) pending!: number;
  @ApiProperty({ description: 'Points owed back after refunds, paid from new points' }) debt!: number;
  @ApiProperty({ description: 'Customers holding available or pending points' }) customers!: number;
}

export class PointsView {
  @ApiProperty({ type: RangeView }) range!: RangeView;
  @ApiProperty({ type: PointsFlowView, description: 'The whole range' }) total!: PointsFlowView;
  @ApiProperty({ type: [PointsFlowView] }) periods!: PointsFlowView[];
  @ApiProperty({ type: LiabilityView, description: 'Outstanding now, whatever the range' })
  outstanding!: LiabilityView;
}

export class BirthdayCountView {
  @ApiProperty() days!: number;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({
    description: 'Customers with marketing consent and a birthday in the window (who is not shown)',
  })
  customers!: number;
}
