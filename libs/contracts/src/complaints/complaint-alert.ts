import { IsIn } from 'class-validator';
import { PRIORITIES, Priority } from '../common/enums';
import { IsId, IsRef, OptionalField } from '../common/rules';

/** The complaint a staff alert is about, and who answers for it: shared by the escalation and reminder events. */
export abstract class ComplaintAlertFields {
  @IsId() complaintId!: string;
  @IsRef() reference!: string;
  @OptionalField() @IsRef() storeId?: string;
  @IsRef() ownerId!: string;
  @OptionalField() @IsRef() department?: string;
  @IsIn(PRIORITIES) priority!: Priority;
}
