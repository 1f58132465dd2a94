import { IsCode, IsId, IsRef, IsText, IsTimestamp, LONG_TEXT_MAX, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** A complaint was resolved; surveys sends the follow-up satisfaction survey. */
export class ComplaintResolvedV1 {
  @IsId() complaintId!: string;
  @IsRef() reference!: string;
  @OptionalField() @IsId() customerId?: string;
  @OptionalField() @IsRef() storeId?: string;
  @OptionalField() @IsRef() employeeId?: string;
  /** The staff user who owned the complaint when it was resolved (first-contact ownership). */
  @IsRef() ownerId!: string;
  @IsCode() category!: string;
  /** What was done, in a sentence or two; no personal data. */
  @IsText(LONG_TEXT_MAX) resolutionSummary!: string;
  @IsTimestamp() resolvedAt!: string;
  /** The root cause recorded at resolution, a code of the lead's cause taxonomy (product-quality, process, ...). */
  @OptionalField() @IsCode() causeCode?: string;
  /** The department answerable for the cause (not necessarily the one that handled the complaint). */
  @OptionalField() @IsCode() responsibleDepartment?: string;
}

export const complaintResolvedV1 = defineEvent('evt.complaints.complaint.resolved.v1', ComplaintResolvedV1, {
  description: 'A complaint was resolved: triggers the follow-up satisfaction survey (return visit).',
  consumers: ['surveys', 'crm', 'training'],
});
