import { IsIn } from 'class-validator';
import { PRIORITIES, Priority, SLA_CLOCKS, SlaClock } from '../common/enums';
import { IsId, IsRef, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** An SLA deadline of a complaint is near (the lead's warning lead time) and not yet met: the owner should act. */
export class ComplaintDeadlineApproachingV1 {
  @IsId() complaintId!: string;
  @IsRef() reference!: string;
  @OptionalField() @IsRef() storeId?: string;
  @IsRef() ownerId!: string;
  @OptionalField() @IsRef() department?: string;
  @IsIn(PRIORITIES) priority!: Priority;
  @IsIn(SLA_CLOCKS) clock!: SlaClock;
  @IsTimestamp() dueAt!: string;
  @IsTimestamp() warnedAt!: string;
}

export const complaintDeadlineApproachingV1 = defineEvent(
  'evt.complaints.complaint.deadline-approaching.v1',
  ComplaintDeadlineApproachingV1,
  {
    description: 'A first-response or resolution deadline is near and not met yet: for the notification sender that reminds the owner.',
  },
);
