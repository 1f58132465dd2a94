import { IsIn } from 'class-validator';
import { IsCode, IsId, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';

export const SEGMENT_MEMBERSHIP_CHANGES = ['joined', 'left'] as const;
export type SegmentMembershipChange = (typeof SEGMENT_MEMBERSHIP_CHANGES)[number];

/** A customer joined or left a crm segment (RFM, VIP, at risk); surveys runs campaigns to a segment. */
export class SegmentMembershipChangedV1 {
  /** Segment code (open list): `champions`, `loyal`, `promising`, `needs-attention`, `hibernating`, `vip`, `at-risk`. */
  @IsCode() segment!: string;
  @IsId() customerId!: string;
  @IsIn(SEGMENT_MEMBERSHIP_CHANGES) change!: SegmentMembershipChange;
  @IsTimestamp() at!: string;
}

export const segmentMembershipChangedV1 = defineEvent(
  'evt.crm.segment.membership-changed.v1',
  SegmentMembershipChangedV1,
  {
    description:
      "A customer joined or left a segment at crm's periodic recompute: surveys keeps campaign audiences per segment.",
    consumers: ['surveys'],
  },
);
