import { IsIn } from 'class-validator';
import { ESCALATION_REASONS, EscalationReason } from '../common/enums';
import { IsIntIn, IsRef, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';
import { ComplaintAlertFields } from './complaint-alert';

/**
 * A complaint went up a level of the lead's escalation chain: whoever that level names must act now.
 * One event per level reached (a sweep that passes two levels at once emits two).
 */
export class ComplaintEscalatedV1 extends ComplaintAlertFields {
  /** The level reached: 1 the first step of the chain, 2 the next, ... */
  @IsIntIn(1, 10) level!: number;
  /** Who the level alerts, as the chain names it: 'owner-lead', 'management', ... */
  @IsRef() to!: string;
  @IsIn(ESCALATION_REASONS) reason!: EscalationReason;
  @IsTimestamp() escalatedAt!: string;
}

export const complaintEscalatedV1 = defineEvent(
  'evt.complaints.complaint.escalated.v1',
  ComplaintEscalatedV1,
  {
    description:
      'A complaint reached a level of the escalation chain (missed SLA, reopened too often, dissatisfied customer): for the notification sender that alerts the level named.',
  },
);
