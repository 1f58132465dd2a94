import { ApiProperty } from '@nestjs/swagger';
import {
  PartEntity,
  REPAIR_CHANNELS,
  RepairChannel,
  RepairOrderEntity,
  RepairServiceEntity,
  RepairStepEntity,
} from './repair.entity';
import { isOverdue } from '../steps/time-limit';
import { REPAIR_STATUSES, RepairStatus } from './status';

export class UsedPartView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() unitPriceMinor!: number;
}

export class RepairStepView {
  @ApiProperty({ enum: REPAIR_STATUSES }) status!: RepairStatus;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
}

/** A repair order without the contact details (those are read, audited, from GET /repairs/{id}). */
export class RepairView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REPAIR_CHANNELS }) channel!: RepairChannel;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) customerId!: string | null;
  @ApiProperty() storeId!: string;
  @ApiProperty({ type: String, nullable: true }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true }) lineId!: string | null;
  @ApiProperty() sku!: string;
  @ApiProperty({ type: String, nullable: true }) serialNumber!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) warrantyId!: string | null;
  @ApiProperty() problem!: string;
  @ApiProperty({ enum: REPAIR_STATUSES }) status!: RepairStatus;
  @ApiProperty({ type: String, nullable: true }) technicianId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appointmentAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) findings!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) qualityFault!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) underWarranty!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) serviceCode!: string | null;
  @ApiProperty({ type: [UsedPartView] }) parts!: UsedPartView[];
  @ApiProperty({ type: Number, nullable: true }) costMinor!: number | null;
  @ApiProperty({ type: String, nullable: true }) currency!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Cause of the charge, or why it is free' })
  costExplanation!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) consentAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) satisfied!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) serviceRecord!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "The current step's time limit",
  })
  dueAt!: string | null;
  @ApiProperty({ description: 'Past the current step time limit' }) overdue!: boolean;
}

export class RepairDetailView extends RepairView {
  @ApiProperty({ type: String, nullable: true }) contactName!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone!: string | null;
  @ApiProperty({ type: String, nullable: true }) feedback!: string | null;
  @ApiProperty({ type: [RepairStepView] }) steps!: RepairStepView[];
}

export class PartView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() active!: boolean;
}

export class RepairPriceView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() labourMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() active!: boolean;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toRepairView(r: RepairOrderEntity, now: Date): RepairView {
  return {
    id: r.id,
    channel: r.channel,
    customerId: r.customerId,
    storeId: r.storeId,
    orderId: r.orderId,
    lineId: r.lineId,
    sku: r.sku,
    serialNumber: r.serialNumber,
    warrantyId: r.warrantyId,
    problem: r.problem,
    status: r.status,
    technicianId: r.technicianId,
    appointmentAt: iso(r.appointmentAt),
    findings: r.findings,
    qualityFault: r.qualityFault,
    underWarranty: r.underWarranty,
    serviceCode: r.serviceCode,
    parts: r.parts,
    costMinor: r.costMinor,
    currency: r.currency,
    costExplanation: r.costExplanation,
    consentAt: iso(r.consentAt),
    satisfied: r.satisfied,
    serviceRecord: r.serviceRecord,
    createdAt: r.createdAt.toISOString(),
    completedAt: iso(r.completedAt),
    dueAt: iso(r.dueAt),
    overdue: isOverdue(r, now),
  };
}

export const toRepairStepView = (s: RepairStepEntity): RepairStepView => ({
  status: s.status,
  at: s.at.toISOString(),
  actorId: s.actorId,
  note: s.note,
  dueAt: iso(s.dueAt),
});

export const toPartView = (p: PartEntity): PartView => ({
  code: p.code,
  name: p.name,
  priceMinor: p.priceMinor,
  currency: p.currency,
  active: p.active,
});

export const toRepairPriceView = (s: RepairServiceEntity): RepairPriceView => ({
  code: s.code,
  name: s.name,
  labourMinor: s.labourMinor,
  currency: s.currency,
  active: s.active,
});
