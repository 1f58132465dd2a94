import { IsIn } from 'class-validator';
import { ESCALATION_REASONS } from '../common/enums';
import { IsIntIn, IsRef, IsText, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';
import { ComplaintAlertFields } from './complaint-alert';

/**
 * Why a complaint escalates, v2: v1's causes plus a major complaint, which goes to management at once
 * (at intake, or when it becomes major), not when a clock runs out. A new value of a closed list is a
 * breaking change, so it has its own major (docs/contracts.md, "Versioning rule"; ADR 0018).
 */
export const ESCALATION_REASONS_V2 = [...ESCALATION_REASONS, 'major-complaint'] as const;
export type EscalationReasonV2 = (typeof ESCALATION_REASONS_V2)[number];

/** A complaint went up a level of the escalation chain, for any cause including a major complaint. */
export class ComplaintEscalatedV2 extends ComplaintAlertFields {
  /** The level reached: 1 the first step of the chain, 2 the next, ... */
  @IsIntIn(1, 10) level!: number;
  /** Who the level alerts, as the chain names it: 'owner-lead', 'management', ... */
  @IsRef() to!: string;
  @IsIn(ESCALATION_REASONS_V2) reason!: EscalationReasonV2;
  /** Why, in words for the person alerted (e.g. 'category safety is major'); no personal data. */
  @OptionalField() @IsText() why?: string;
  @IsTimestamp() escalatedAt!: string;
}

export const complaintEscalatedV2 = defineEvent(
  'evt.complaints.complaint.escalated.v2',
  ComplaintEscalatedV2,
  {
    description:
      'A complaint reached a level of the escalation chain (missed SLA, reopened too often, dissatisfied customer, or a major complaint sent to management at once): for the notification sender that alerts the level named.',
  },
);
