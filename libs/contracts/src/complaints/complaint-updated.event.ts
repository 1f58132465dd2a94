import { IsIn } from 'class-validator';
import { COMPLAINT_STATUSES, ComplaintStatus, CONTACT_CHANNELS, ContactChannel } from '../common/enums';
import { IsCode, IsId, IsRef, IsText, IsTimestamp, LONG_TEXT_MAX, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/**
 * Something happened on a complaint that the customer may be told about. Carries what a notification
 * sender needs and no personal data: the sender looks contact details up by customerId.
 */
export class ComplaintUpdatedV1 {
  @IsId() complaintId!: string;
  @IsRef() reference!: string;
  @OptionalField() @IsId() customerId?: string;
  /** Status after the change. */
  @IsIn(COMPLAINT_STATUSES) status!: ComplaintStatus;
  /** What happened, as a code (open list, see KNOWN_COMPLAINT_CHANGES): `acknowledged`, `escalated`, ... */
  @IsCode() change!: string;
  /** Text meant for the customer; absent when the change is internal only. */
  @OptionalField() @IsText(LONG_TEXT_MAX) customerMessage?: string;
  /** Channel to tell the customer on (the one they complained on or asked for); absent: the sender decides. */
  @OptionalField() @IsIn(CONTACT_CHANNELS) contactChannel?: ContactChannel;
  @IsTimestamp() occurredAt!: string;
}

export const complaintUpdatedV1 = defineEvent('evt.complaints.complaint.updated.v1', ComplaintUpdatedV1, {
  description:
    'A complaint changed (status, hand-over, escalation, message to the customer): what a notification sender needs, no personal data.',
});
