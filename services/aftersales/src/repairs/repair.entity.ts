import { encrypted, minorUnits } from '@cx/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PricedPart } from './costing';
import type { RepairStatus } from './status';

export const REPAIR_CHANNELS = ['hotline', 'store-visit'] as const;
export type RepairChannel = (typeof REPAIR_CHANNELS)[number];

/** A repair order through the 8 steps of seed 004. Contact details are encrypted at rest. */
@Entity('repair_order')
export class RepairOrderEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') channel!: RepairChannel;
  @Column('uuid', { nullable: true }) customerId!: string | null;
  @Column('text', { nullable: true, transformer: encrypted() }) contactName!: string | null;
  @Column('text', { nullable: true, transformer: encrypted() }) contactPhone!: string | null;
  @Column('text') storeId!: string;
  @Column('text', { nullable: true }) orderId!: string | null;
  @Column('text', { nullable: true }) lineId!: string | null;
  @Column('text') sku!: string;
  @Column('text', { nullable: true }) serialNumber!: string | null;
  @Column('uuid', { nullable: true }) warrantyId!: string | null;
  @Column('text') problem!: string;
  @Column('text') status!: RepairStatus;
  @Column('text', { nullable: true }) technicianId!: string | null;
  @Column('timestamptz', { nullable: true }) appointmentAt!: Date | null;
  @Column('text', { nullable: true }) findings!: string | null;
  @Column('boolean', { nullable: true }) qualityFault!: boolean | null;
  @Column('boolean', { nullable: true }) underWarranty!: boolean | null;
  @Column('text', { nullable: true }) serviceCode!: string | null;
  @Column('jsonb') parts!: PricedPart[];
  @Column('bigint', { nullable: true, transformer: minorUnits }) costMinor!: number | null;
  @Column('text', { nullable: true }) currency!: string | null;
  @Column('text', { nullable: true }) costExplanation!: string | null;
  @Column('timestamptz', { nullable: true }) consentAt!: Date | null;
  @Column('text', { nullable: true }) consentBy!: string | null;
  @Column('boolean', { nullable: true }) satisfied!: boolean | null;
  @Column('text', { nullable: true }) feedback!: string | null;
  @Column('text', { nullable: true }) serviceRecord!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
  @Column('timestamptz', { nullable: true }) completedAt!: Date | null;
  /** The current step's time limit (null once completed or cancelled). */
  @Column('timestamptz', { nullable: true }) dueAt!: Date | null;
}

/** A technician's slot booked for a repair; the unique index on booked (technician, start) forbids double booking. */
@Entity('appointment')
export class AppointmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') repairId!: string;
  @Column('text') technicianId!: string;
  @Column('timestamptz') startsAt!: Date;
  @Column('timestamptz') endsAt!: Date;
  @Column('text') status!: 'booked' | 'cancelled';
  @Column('timestamptz') createdAt!: Date;
}

@Entity('repair_step')
export class RepairStepEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') repairId!: string;
  @Column('text') status!: RepairStatus;
  @Column('timestamptz') at!: Date;
  @Column('text') actorId!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('timestamptz', { nullable: true }) dueAt!: Date | null;
}

/** The parts catalogue with prices. */
@Entity('part')
export class PartEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('bigint', { transformer: minorUnits }) priceMinor!: number;
  @Column('text') currency!: string;
  @Column('boolean') active!: boolean;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}

/** The published repair price list (seed 004 ch. 7): labour per service. */
@Entity('repair_service')
export class RepairServiceEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('bigint', { transformer: minorUnits }) labourMinor!: number;
  @Column('text') currency!: string;
  @Column('boolean') active!: boolean;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}
