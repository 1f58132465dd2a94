import {
  IsCode,
  IsId,
  IsIntIn,
  IsRef,
  IsText,
  IsTimestamp,
  LONG_TEXT_MAX,
  OptionalField,
} from '../common/rules';
import { defineEvent } from '../registry';

/** An incident was resolved: its open complaints were resolved together, with one customer message. */
export class IncidentResolvedV1 {
  @IsId() incidentId!: string;
  @IsRef() reference!: string;
  /** What was done, in a sentence or two; no personal data. */
  @IsText(LONG_TEXT_MAX) resolutionSummary!: string;
  /** The root cause recorded, a code of the lead's cause taxonomy. */
  @OptionalField() @IsCode() causeCode?: string;
  /** The department answerable for the cause. */
  @OptionalField() @IsCode() responsibleDepartment?: string;
  /** Complaints resolved with it; those already resolved, closed or withdrawn are not counted. */
  @IsIntIn(0, 1_000_000) resolvedComplaints!: number;
  @IsRef() resolvedBy!: string;
  @IsTimestamp() resolvedAt!: string;
}

export const incidentResolvedV1 = defineEvent('evt.complaints.incident.resolved.v1', IncidentResolvedV1, {
  description: 'An incident was resolved with its complaints, with the cause and the department answerable.',
});
