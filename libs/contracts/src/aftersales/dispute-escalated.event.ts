import { IsIn } from 'class-validator';
import { IsId, IsRef, IsText, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** What a customer disputes: a return decision or a repair. */
export const DISPUTE_SUBJECTS = ['return', 'repair'] as const;
export type DisputeSubject = (typeof DISPUTE_SUBJECTS)[number];

/** A major after-sales dispute was reported to management (seed 004 ch. 5). */
export class DisputeEscalatedV1 {
  @IsId() disputeId!: string;
  @IsIn(DISPUTE_SUBJECTS) subjectType!: DisputeSubject;
  @IsId() subjectId!: string;
  @OptionalField() @IsId() customerId?: string;
  @IsRef() storeId!: string;
  /** What the customer disputes, in the dispute group's words. */
  @IsText() reason!: string;
  /** Who reported it upward. */
  @IsRef() escalatedBy!: string;
  @IsTimestamp() escalatedAt!: string;
}

export const disputeEscalatedV1 = defineEvent('evt.aftersales.dispute.escalated.v1', DisputeEscalatedV1, {
  description: 'A major after-sales dispute was reported to management: management is notified.',
});
