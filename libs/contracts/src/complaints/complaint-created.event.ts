import { IsBoolean, IsIn } from 'class-validator';
import { COMPLAINT_CHANNELS, ComplaintChannel, PRIORITIES, Priority } from '../common/enums';
import { IsCode, IsId, IsRef, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** A complaint was taken in and classified, with its SLA deadlines. */
export class ComplaintCreatedV1 {
  @IsId() complaintId!: string;
  /** Human reference told to the customer, e.g. `C-2026-000123`. */
  @IsRef() reference!: string;
  @IsIn(COMPLAINT_CHANNELS) channel!: ComplaintChannel;
  /** Complaint category code from the complaints taxonomy (open list), e.g. `product-quality`. */
  @IsCode() category!: string;
  @IsIn(PRIORITIES) priority!: Priority;
  @OptionalField() @IsRef() storeId?: string;
  /** The staff member the complaint is about (employee number), if any. */
  @OptionalField() @IsRef() employeeId?: string;
  /** Absent for anonymous complaints. */
  @OptionalField() @IsId() customerId?: string;
  @OptionalField() @IsRef() orderId?: string;
  @OptionalField() @IsRef() productSku?: string;
  @IsTimestamp() receivedAt!: string;
  @IsTimestamp() firstResponseDueAt!: string;
  @IsTimestamp() resolutionDueAt!: string;
  /** Same customer, same problem as an earlier complaint. */
  @IsBoolean() isRepeat!: boolean;
  /** Major or multi-department: handled by a joint team and escalated to management. */
  @IsBoolean() isMajor!: boolean;
}

export const complaintCreatedV1 = defineEvent('evt.complaints.complaint.created.v1', ComplaintCreatedV1, {
  description:
    "A complaint was received and classified; feeds the customer's timeline and the employee/store record.",
  consumers: ['crm', 'training'],
});
