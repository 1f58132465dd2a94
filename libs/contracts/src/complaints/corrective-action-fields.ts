import { IsCode, IsId, IsRef, IsText, IsTimestamp, OptionalField } from '../common/rules';

/** A corrective action as its events tell it: what, about which complaint's cause, who, by when. */
export abstract class CorrectiveActionFields {
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
}
