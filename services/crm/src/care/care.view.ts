import { TIERS, Tier } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { SEGMENTS, Segment } from './segment.rules';

export class SegmentView {
  @ApiProperty({ enum: SEGMENTS }) code!: Segment;
  @ApiProperty({ enum: ['rfm', 'tier', 'rhythm'], description: 'What decides membership' }) basis!:
    'rfm' | 'tier' | 'rhythm';
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Members at the last recompute' }) members!: number;
}

export class SegmentsView {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The last recompute; null before the first',
  })
  computedAt!: string | null;
  @ApiProperty({ type: [SegmentView] }) items!: SegmentView[];
}

/** A member, by id only: contact details come from crm's audited contact request, one purpose at a time. */
export class SegmentMemberView {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class BirthdayView {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({
    example: '03-14',
    description: 'Month and day of the birthday (personal data: the read is audited)',
  })
  birthday!: string;
  @ApiProperty({ description: 'Days from today in the time zone asked for (0 = today)' }) inDays!: number;
}

export const SEGMENT_DESCRIPTIONS: Record<Segment, { basis: SegmentView['basis']; description: string }> = {
  champions: {
    basis: 'rfm',
    description: 'Bought recently, often and for much (R, F and M in the top two quintiles)',
  },
  loyal: { basis: 'rfm', description: 'Buy often (F in the top two quintiles), not long ago' },
  promising: { basis: 'rfm', description: 'Bought recently, not yet often' },
  'needs-attention': {
    basis: 'rfm',
    description: 'Middling recency, or frequent buyers who have gone quiet',
  },
  hibernating: { basis: 'rfm', description: 'Long ago and seldom' },
  vip: { basis: 'tier', description: "In one of the lead's VIP tiers" },
  'at-risk': {
    basis: 'rhythm',
    description: "Silent for longer than their own average gap between purchases times the lead's factor",
  },
};

export class CareSettingsView {
  @ApiProperty({ enum: TIERS, isArray: true }) vipTiers!: Tier[];
  @ApiProperty({ example: 2 }) atRiskFactor!: number;
  @ApiProperty({ example: 30 }) atRiskMinDays!: number;
  @ApiProperty({ example: 730 }) rfmWindowDays!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 'u-lead' }) updatedBy!: string;
}
