import { IsIn } from 'class-validator';
import { PRIORITIES, Priority, SLA_CLOCKS, SlaClock } from '../common/enums';
import { IsId, IsIntIn, IsRef, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** A complaint missed an SLA deadline (first response 24 h, resolution 72 h) and was escalated. */
export class ComplaintSlaBreachedV1 {
  @IsId() complaintId!: string;
  @IsRef() reference!: string;
  @OptionalField() @IsRef() storeId?: string;
  @OptionalField() @IsRef() ownerId?: string;
  @OptionalField() @IsRef() employeeId?: string;
  @IsIn(PRIORITIES) priority!: Priority;
  @IsIn(SLA_CLOCKS) clock!: SlaClock;
  @IsTimestamp() dueAt!: string;
  @IsTimestamp() breachedAt!: string;
  /** Escalation level reached by this breach: 0 none, 1 team lead, 2 department lead, 3 management, ... */
  @IsIntIn(0, 10) escalationLevel!: number;
}

export const complaintSlaBreachedV1 = defineEvent(
  'evt.complaints.complaint.sla-breached.v1',
  ComplaintSlaBreachedV1,
  {
    description: 'A complaint missed its first-response or resolution deadline; feeds scorecards and alerts.',
    consumers: ['training'],
  },
);
