import { IsBoolean } from 'class-validator';
import { IsCode, IsId, IsRef, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/**
 * A lead checked a done corrective action: it worked (closed), or it did not (open again with a new
 * due time, `dueAt`).
 */
export class CorrectiveActionVerifiedV1 {
  @IsId() actionId!: string;
  @IsId() complaintId!: string;
  @OptionalField() @IsCode() causeCode?: string;
  @OptionalField() @IsRef() department?: string;
  @IsRef() ownerId!: string;
  @IsBoolean() effective!: boolean;
  /** Not effective: the new due time. */
  @OptionalField() @IsTimestamp() dueAt?: string;
  @IsRef() verifiedBy!: string;
  @IsTimestamp() verifiedAt!: string;
}

export const correctiveActionVerifiedV1 = defineEvent(
  'evt.complaints.corrective-action.verified.v1',
  CorrectiveActionVerifiedV1,
  {
    description: 'A lead verified a corrective action: effective (closed) or not (open again, new due time).',
  },
);
