import { IsCode, IsId, IsRef, IsText, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** A corrective action was set against a complaint's root cause (seed 003 ch. 6, PDCA): who, what, by when. */
export class CorrectiveActionCreatedV1 {
  @IsId() actionId!: string;
  @IsId() complaintId!: string;
  /** The complaint's root cause, a code of the lead's cause taxonomy, when recorded. */
  @OptionalField() @IsCode() causeCode?: string;
  /** The department that must act. */
  @OptionalField() @IsRef() department?: string;
  /** What is to be done, in words; no personal data. */
  @IsText() title!: string;
  /** The staff user who owns it. */
  @IsRef() ownerId!: string;
  @IsTimestamp() dueAt!: string;
  @IsTimestamp() createdAt!: string;
}

export const correctiveActionCreatedV1 = defineEvent(
  'evt.complaints.corrective-action.created.v1',
  CorrectiveActionCreatedV1,
  {
    description: "A corrective action against a complaint's root cause, with owner, department and due time.",
  },
);
