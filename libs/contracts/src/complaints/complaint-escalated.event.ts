import { IsIn } from 'class-validator';
import { ESCALATION_REASONS, EscalationReason, PRIORITIES, Priority } from '../common/enums';
import { IsId, IsIntIn, IsRef, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/**
 * A complaint went up a level of the lead's escalation chain: whoever that level names must act now.
 * One event per level reached (a sweep that passes two levels at once emits two).
 */
export class ComplaintEscalatedV1 {
  @IsId() complaintId!: string;
  @IsRef() reference!: string;
  @OptionalField() @IsRef() storeId?: string;
  @IsRef() ownerId!: string;
  @OptionalField() @IsRef() department?: string;
  @IsIn(PRIORITIES) priority!: Priority;
  /** The level reached: 1 the first step of the chain, 2 the next, ... */
  @IsIntIn(1, 10) level!: number;
  /** Who the level alerts, as the chain names it: 'owner-lead', 'management', ... */
  @IsRef() to!: string;
  @IsIn(ESCALATION_REASONS) reason!: EscalationReason;
  @IsTimestamp() escalatedAt!: string;
}

export const complaintEscalatedV1 = defineEvent('evt.complaints.complaint.escalated.v1', ComplaintEscalatedV1, {
  description:
    'A complaint reached a level of the escalation chain (missed SLA, reopened too often, dissatisfied customer): for the notification sender that alerts the level named.',
});
