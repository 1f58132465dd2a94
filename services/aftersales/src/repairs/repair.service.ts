import { uuidv7 } from '@cx/contracts';
import {
  AuditLog,
  Clock,
  createdAtPositionOf,
  decodeCursor,
  EventPublisher,
  IdempotencyKeys,
  IdempotentResult,
  isCreatedAtPosition,
  Page,
  Principal,
  RequestValidationError,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WarrantyService } from '../warranty/warranty.service';
import { PricedPart, repairCost } from './costing';
import {
  BookAppointmentDto,
  CompleteRepairDto,
  ConfirmRepairDto,
  CreateRepairDto,
  InspectRepairDto,
  ListRepairsQuery,
  PutPartDto,
  PutRepairServiceDto,
} from './dto/repair.dto';
import { PartEntity, RepairOrderEntity, RepairServiceEntity } from './repair.entity';
import { RepairError } from './repair.errors';
import { repairAppointmentBooked, repairCompleted } from './repair.events';
import { RepairRepository } from './repair.repository';
import { RepairDetailView, RepairView, toRepairStepView, toRepairView } from './repair.view';
import { canMoveRepair, repairDueAt, RepairStatus, SLOT_MS } from './status';

/** Repair orders through the 8 steps of seed 004, technician slots without double booking, costs explained. */
@Injectable()
export class RepairService {
  constructor(
    private readonly tx: Transactions,
    private readonly repairs: RepairRepository,
    private readonly warranties: WarrantyService,
    private readonly idempotency: IdempotencyKeys,
    private readonly events: EventPublisher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Steps 1 and 2: the request and the problem, with the warranty found by order line or serial number.
   * A retry with the same Idempotency-Key gets the first answer (200) and files nothing.
   */
  async create(
    dto: CreateRepairDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<RepairView>> {
    if (dto.lineId && !dto.orderId)
      throw RequestValidationError.field('orderId', 'a lineId needs its orderId');
    const warranty = await this.warranties.findFor(dto);
    const now = this.clock.now();
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const r: RepairOrderEntity = {
          id: uuidv7(),
          channel: dto.channel,
          customerId: dto.customerId ?? warranty?.customerId ?? null,
          contactName: dto.contactName ?? null,
          contactPhone: dto.contactPhone ?? null,
          storeId: dto.storeId,
          orderId: dto.orderId ?? warranty?.orderId ?? null,
          lineId: dto.lineId ?? warranty?.lineId ?? null,
          sku: dto.sku,
          serialNumber: dto.serialNumber ?? warranty?.serialNumber ?? null,
          warrantyId: warranty?.id ?? null,
          problem: dto.problem,
          status: 'requested',
          technicianId: null,
          appointmentAt: null,
          findings: null,
          qualityFault: null,
          underWarranty: null,
          serviceCode: null,
          parts: [],
          costMinor: null,
          currency: null,
          costExplanation: null,
          consentAt: null,
          consentBy: null,
          satisfied: null,
          feedback: null,
          serviceRecord: null,
          createdAt: now,
          createdBy: actor.sub,
          completedAt: null,
          dueAt: repairDueAt({ status: 'requested', appointmentAt: null }, now),
        };
        await this.repairs.insert(em, r);
        await this.repairs.addStep(em, {
          repairId: r.id,
          status: 'requested',
          at: now,
          actorId: actor.sub,
          note: dto.problem,
          dueAt: r.dueAt,
        });
        return { status: 201, body: toRepairView(r, now), resourceId: r.id };
      }),
    );
  }

  /**
   * Steps 2-3: the appointment agreed and the technician assigned; again to reschedule (the old slot is
   * freed in the same transaction). Two requests for one slot: the unique index lets one commit, the
   * other gets 409 SLOT_TAKEN.
   */
  book(id: string, dto: BookAppointmentDto, actor: Principal): Promise<RepairView> {
    const startsAt = new Date(dto.startsAt);
    if (startsAt.getTime() % SLOT_MS !== 0)
      throw RequestValidationError.field('startsAt', 'appointments start on the hour (one-hour slots)');
    if (startsAt.getTime() <= this.clock.now().getTime())
      throw RequestValidationError.field('startsAt', 'the slot has begun or passed');
    return this.step(
      id,
      'scheduled',
      actor,
      `${dto.technicianId} at ${startsAt.toISOString()}`,
      async (em, r, now) => {
        await this.repairs.cancelBooked(em, r.id);
        const booked = await this.repairs.book(em, {
          id: uuidv7(),
          repairId: r.id,
          technicianId: dto.technicianId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + SLOT_MS),
          status: 'booked',
          createdAt: now,
        });
        if (!booked)
          throw new RepairError('SLOT_TAKEN', `${dto.technicianId} is booked at ${startsAt.toISOString()}`, {
            technicianId: dto.technicianId,
            startsAt: startsAt.toISOString(),
          });
        const rescheduled = r.appointmentAt !== null;
        r.technicianId = dto.technicianId;
        r.appointmentAt = startsAt;
        // the customer is told the slot (ADR 31): an appointment without a known customer tells no one
        if (r.customerId)
          await this.events.publish(
            em,
            repairAppointmentBooked(
              { ...r, customerId: r.customerId },
              { technicianId: dto.technicianId, startsAt, endsAt: new Date(startsAt.getTime() + SLOT_MS) },
              rescheduled,
              now,
            ),
          );
      },
    );
  }

  /** Step 4, first half: inspect before any repair; the cost follows from the findings, warranty and price list. */
  inspect(id: string, dto: InspectRepairDto, actor: Principal): Promise<RepairView> {
    return this.step(id, 'inspected', actor, dto.findings, async (em, r) => {
      const service = await this.repairs.service(dto.serviceCode, em);
      if (!service)
        throw new RepairError('UNKNOWN_SERVICE', `no active service ${dto.serviceCode} in the price list`, {
          field: 'serviceCode',
        });
      const parts = await this.pricedParts(dto.parts, em);
      const underWarranty = r.warrantyId ? await this.warranties.inForce(r.warrantyId, em) : false;
      const cost = repairCost({
        qualityFault: dto.qualityFault,
        underWarranty,
        labourMinor: service.labourMinor,
        serviceName: service.name,
        parts,
      });
      Object.assign(r, {
        findings: dto.findings,
        qualityFault: dto.qualityFault,
        underWarranty,
        serviceCode: service.code,
        parts,
        costMinor: cost.costMinor,
        currency: service.currency,
        costExplanation: cost.explanation,
      });
    });
  }

  /** Step 5: the customer agreed to the cost explained. */
  consent(id: string, record: string, actor: Principal): Promise<RepairView> {
    return this.tx.run(async (em) => {
      const r = await this.repairs.lockById(em, id);
      if (!r) throw RepairError.notFound(id);
      if (r.status !== 'inspected')
        throw new RepairError(
          'REPAIR_STEP_NOT_ALLOWED',
          'consent is asked after inspection, before the repair',
        );
      const now = this.clock.now();
      r.consentAt = now;
      r.consentBy = actor.sub;
      await this.repairs.save(em, r);
      await this.repairs.addStep(em, {
        repairId: r.id,
        status: r.status,
        at: now,
        actorId: actor.sub,
        note: `consent: ${record}`,
        dueAt: r.dueAt,
      });
      return toRepairView(r, now);
    });
  }

  /** Step 4, second half: the repair, only after inspection and, for paid work, the customer's consent. */
  repair(id: string, note: string | undefined, actor: Principal): Promise<RepairView> {
    return this.step(id, 'repaired', actor, note ?? null, (_em, r) => {
      if ((r.costMinor ?? 0) > 0 && !r.consentAt)
        throw new RepairError('CONSENT_REQUIRED', `record the customer's consent to ${r.costMinor} first`);
    });
  }

  /** Step 6: is the customer satisfied? */
  confirm(id: string, dto: ConfirmRepairDto, actor: Principal): Promise<RepairView> {
    return this.step(id, 'confirmed', actor, dto.feedback ?? null, (_em, r) => {
      r.satisfied = dto.satisfied;
      r.feedback = dto.feedback ?? null;
    });
  }

  /** Step 7: the service record; the completion event lets surveys make the return visit (step 8). */
  complete(id: string, dto: CompleteRepairDto, actor: Principal): Promise<RepairView> {
    return this.step(id, 'completed', actor, dto.serviceRecord, async (em, r, now) => {
      r.serviceRecord = dto.serviceRecord;
      r.completedAt = now;
      if (r.customerId && r.technicianId)
        await this.events.publish(
          em,
          repairCompleted({ ...r, customerId: r.customerId, technicianId: r.technicianId }, now),
        );
    });
  }

  private async step(
    id: string,
    to: RepairStatus,
    actor: Principal,
    note: string | null,
    apply: (em: EntityManager, r: RepairOrderEntity, now: Date) => void | Promise<void>,
  ): Promise<RepairView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const r = await this.repairs.lockById(em, id);
      if (!r) throw RepairError.notFound(id);
      if (!canMoveRepair(r.status, to))
        throw new RepairError('REPAIR_STEP_NOT_ALLOWED', `a ${r.status} repair cannot become ${to}`, {
          status: r.status,
        });
      await apply(em, r, now);
      r.status = to;
      r.dueAt = repairDueAt(r, now);
      await this.repairs.save(em, r);
      await this.repairs.addStep(em, {
        repairId: r.id,
        status: to,
        at: now,
        actorId: actor.sub,
        note,
        dueAt: r.dueAt,
      });
      return toRepairView(r, now);
    });
  }

  private async pricedParts(
    uses: { code: string; quantity: number }[],
    em: EntityManager,
  ): Promise<PricedPart[]> {
    if (uses.length === 0) return [];
    const found = new Map(
      (
        await this.repairs.parts(
          uses.map((u) => u.code),
          em,
        )
      ).map((p) => [p.code, p]),
    );
    return uses.map((u, i) => {
      const part = found.get(u.code);
      if (!part)
        throw new RepairError('UNKNOWN_PART', `no active part ${u.code} in the catalogue`, {
          field: `parts.${i}.code`,
        });
      return { code: part.code, name: part.name, quantity: u.quantity, unitPriceMinor: part.priceMinor };
    });
  }

  /** The order with its contact details: the read is written to the audit log first. */
  async get(id: string, actor: Principal): Promise<RepairDetailView> {
    const r = await this.repairs.findById(id);
    if (!r) throw RepairError.notFound(id);
    if (r.contactName || r.contactPhone)
      await this.audit.record({
        actor: { sub: actor.sub, roles: actor.roles },
        action: 'read',
        subjectType: 'repair-contact',
        subjectId: id,
        fields: ['contactName', 'contactPhone'],
        purpose: `repair ${id}`,
      });
    const steps = await this.repairs.steps(id);
    return {
      ...toRepairView(r, this.clock.now()),
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      feedback: r.feedback,
      steps: steps.map(toRepairStepView),
    };
  }

  /** Newest first; with overdue, the repairs past their step's time limit now (the lead's overdue list). */
  async list(query: ListRepairsQuery): Promise<Page<RepairView>> {
    const now = this.clock.now();
    const rows = await this.repairs.list(
      { ...query, overdueAt: query.overdue ? now : undefined },
      decodeCursor(query.cursor, isCreatedAtPosition),
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, createdAtPositionOf);
    return { items: page.items.map((r) => toRepairView(r, now)), nextCursor: page.nextCursor };
  }

  listParts(): Promise<PartEntity[]> {
    return this.repairs.allParts();
  }

  priceList(activeOnly: boolean): Promise<RepairServiceEntity[]> {
    return this.repairs.allServices(activeOnly);
  }

  async putPart(code: string, dto: PutPartDto, who: Principal): Promise<PartEntity> {
    const part = { code, ...dto, updatedAt: this.clock.now(), updatedBy: who.sub };
    await this.repairs.savePart(part);
    return part;
  }

  async putService(code: string, dto: PutRepairServiceDto, who: Principal): Promise<RepairServiceEntity> {
    const service = { code, ...dto, updatedAt: this.clock.now(), updatedBy: who.sub };
    await this.repairs.saveService(service);
    return service;
  }

  eraseCustomer(em: EntityManager, customerId: string): Promise<void> {
    return this.repairs.scrubCustomer(em, customerId);
  }
}
