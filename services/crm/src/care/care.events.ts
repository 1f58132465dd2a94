// Every event of crm's segments is built here, checked against its contract when published.
import { SegmentMembershipChangedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { MembershipChange } from './segment.rules';

export function membershipChanged(c: MembershipChange, at: Date): EventToPublish<SegmentMembershipChangedV1> {
  return {
    type: Subjects.crm.segmentMembershipChanged,
    aggregateId: c.customerId,
    occurredAt: at,
    data: { segment: c.segment, customerId: c.customerId, change: c.change, at: at.toISOString() },
  };
}
