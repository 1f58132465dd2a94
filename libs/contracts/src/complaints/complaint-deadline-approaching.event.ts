import { IsIn } from 'class-validator';
import { SLA_CLOCKS, SlaClock } from '../common/enums';
import { IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';
import { ComplaintAlertFields } from './complaint-alert';

/** An SLA deadline of a complaint is near (the lead's warning lead time) and not yet met: the owner should act. */
export class ComplaintDeadlineApproachingV1 extends ComplaintAlertFields {
  @IsIn(SLA_CLOCKS) clock!: SlaClock;
  @IsTimestamp() dueAt!: string;
  @IsTimestamp() warnedAt!: string;
}

export const complaintDeadlineApproachingV1 = defineEvent(
  'evt.complaints.complaint.deadline-approaching.v1',
  ComplaintDeadlineApproachingV1,
  {
    description:
      'A first-response or resolution deadline is near and not met yet: for the notification sender that reminds the owner.',
  },
);
