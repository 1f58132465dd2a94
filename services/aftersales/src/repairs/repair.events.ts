// The events of a repair, built in one place and checked against their contract when published.
import { RepairAppointmentBookedV1, RepairCompletedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { RepairOrderEntity } from './repair.entity';

/** evt.aftersales.repair.completed.v1 (step 7 written): surveys sends the return visit (step 8). */
export function repairCompleted(
  r: RepairOrderEntity & { customerId: string; technicianId: string },
  at: Date,
): EventToPublish<RepairCompletedV1> {
  return {
    type: Subjects.aftersales.repairCompleted,
    aggregateId: r.id,
    occurredAt: at,
    data: {
      repairId: r.id,
      customerId: r.customerId,
      storeId: r.storeId,
      technicianId: r.technicianId,
      sku: r.sku,
      ...(r.serialNumber ? { serialNumber: r.serialNumber } : {}),
      underWarranty: r.underWarranty === true,
      costMinor: r.costMinor ?? 0,
      currency: r.currency ?? 'CNY',
      completedAt: at.toISOString(),
    },
  };
}

/** evt.aftersales.repair.appointment-booked.v1 (steps 2-3): the customer is told the slot. */
export function repairAppointmentBooked(
  r: RepairOrderEntity & { customerId: string },
  slot: { technicianId: string; startsAt: Date; endsAt: Date },
  rescheduled: boolean,
  at: Date,
): EventToPublish<RepairAppointmentBookedV1> {
  return {
    type: Subjects.aftersales.repairAppointmentBooked,
    aggregateId: r.id,
    occurredAt: at,
    data: {
      repairId: r.id,
      customerId: r.customerId,
      storeId: r.storeId,
      technicianId: slot.technicianId,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      rescheduled,
    },
  };
}
