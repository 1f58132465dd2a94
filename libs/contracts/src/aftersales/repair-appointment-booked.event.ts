import { IsBoolean } from 'class-validator';
import { IsId, IsRef, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';

/** A repair's appointment was booked, or moved to another slot (steps 2-3 of the after-sales flow). */
export class RepairAppointmentBookedV1 {
  @IsId() repairId!: string;
  @IsId() customerId!: string;
  @IsRef() storeId!: string;
  /** Employee number of the technician. */
  @IsRef() technicianId!: string;
  @IsTimestamp() startsAt!: string;
  @IsTimestamp() endsAt!: string;
  /** true when an earlier appointment of the repair was replaced by this one. */
  @IsBoolean() rescheduled!: boolean;
}

export const repairAppointmentBookedV1 = defineEvent(
  'evt.aftersales.repair.appointment-booked.v1',
  RepairAppointmentBookedV1,
  { description: 'A repair appointment was booked or rescheduled: the customer is told when.' },
);
