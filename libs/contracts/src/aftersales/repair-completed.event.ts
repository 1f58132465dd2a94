import { IsBoolean } from 'class-validator';
import { IsCurrency, IsId, IsMinorAmount, IsRef, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** A repair was completed and recorded (step 7 of the after-sales flow); surveys follows up (step 8). */
export class RepairCompletedV1 {
  @IsId() repairId!: string;
  @IsId() customerId!: string;
  @IsRef() storeId!: string;
  /** Employee number of the technician. */
  @IsRef() technicianId!: string;
  @IsRef() sku!: string;
  @OptionalField() @IsRef() serialNumber?: string;
  @IsBoolean() underWarranty!: boolean;
  /** What the customer was charged (0 under warranty). */
  @IsMinorAmount() costMinor!: number;
  @IsCurrency() currency!: string;
  @IsTimestamp() completedAt!: string;
}

export const repairCompletedV1 = defineEvent('evt.aftersales.repair.completed.v1', RepairCompletedV1, {
  description: 'A repair was completed: triggers the follow-up survey (return visit).',
  consumers: ['surveys', 'crm'],
});
