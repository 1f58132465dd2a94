import {
  CheckWarrantyReplyV1,
  CheckWarrantyRequestV1,
  PurchaseDeliveredV1,
  PurchaseLineV1,
  PurchaseRecordedV1,
  uuidv7,
} from '@cx/contracts';
import { Clock, decodeCursor, Page, RequestValidationError, Statement, toPage } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PolicyService, RegistrationPolicy } from '../policy/policy.service';
import { ListWarrantiesQuery } from './dto/list-warranties.query';
import { WarrantyEntity } from './warranty.entity';
import { WarrantyError } from './warranty.errors';
import { LineRegistration, WarrantyRepository } from './warranty.repository';
import { coverageOf, termMonthsFor, warrantyPeriod } from './warranty.rules';
import { toWarrantyView, WarrantyView } from './warranty.view';

/** What registering a purchase needs, from either of crm's two purchase events. */
interface PurchaseFacts {
  orderId: string;
  customerId: string;
  storeId: string;
  purchasedAt: string;
  deliveredAt?: string;
  currency?: string;
  lines: PurchaseLineV1[];
}

const isPosition = (p: Record<string, unknown>): p is { id: string } => typeof p.id === 'string';

/** The warranty registry: registered from purchases, started at sign-off, looked up, moved on exchange. */
@Injectable()
export class WarrantyService {
  constructor(
    private readonly warranties: WarrantyRepository,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
  ) {}

  /**
   * A purchase was recorded: the statement registering one warranty per purchased item of each line
   * with a term, computed from the payload and the cached policy (none when no line has a term). It
   * reads nothing from the database: the purchase handler is write-only (ADR 0010).
   */
  async registrationFor(data: PurchaseRecordedV1): Promise<Statement[]> {
    return this.registration(data, await this.policy.forRegistration());
  }

  /**
   * The sign-off arrived: warranties waiting for it start from it (their term and end recomputed), and
   * lines not registered yet (the sign-off overtook the purchase) are registered from it.
   */
  async recordDelivery(em: EntityManager, data: PurchaseDeliveredV1): Promise<void> {
    const policy = await this.policy.forRegistration(em);
    const zone = policy.zoneOf(data.storeId);
    const deliveredAt = new Date(data.deliveredAt);
    for (const w of await this.warranties.undeliveredOfOrder(em, data.orderId)) {
      Object.assign(w, { deliveredAt }, warrantyPeriod(w.purchasedAt, deliveredAt, w.termMonths, zone));
      await this.warranties.save(em, w);
    }
    for (const { sql, params } of this.registration(data, policy)) await em.query(sql, [...(params ?? [])]);
  }

  private registration(p: PurchaseFacts, policy: RegistrationPolicy): Statement[] {
    const zone = policy.zoneOf(p.storeId);
    const purchasedAt = new Date(p.purchasedAt);
    const deliveredAt = p.deliveredAt ? new Date(p.deliveredAt) : null;
    const lines: LineRegistration[] = [];
    // The end in the store's zone costs several Intl look-ups: once per term, not per line.
    const periods = new Map<number, { startsAt: Date; endsAt: Date }>();
    for (const line of p.lines) {
      const months = termMonthsFor(line, policy.terms);
      if (months === null) continue;
      let period = periods.get(months);
      if (!period) periods.set(months, (period = warrantyPeriod(purchasedAt, deliveredAt, months, zone)));
      lines.push({
        lineId: line.lineId,
        sku: line.sku,
        category: line.category,
        productName: line.productName,
        serialNumber: line.serialNumber ?? null,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        warrantyClass: line.warrantyClass ?? null,
        termMonths: months,
        ...period,
      });
    }
    return this.warranties.registerStatements(
      {
        orderId: p.orderId,
        customerId: p.customerId,
        storeId: p.storeId,
        currency: p.currency ?? null,
        purchasedAt,
        deliveredAt,
        createdAt: this.clock.now(),
      },
      lines,
    );
  }

  /**
   * An exchange of `items` items of an order line: the warranties of as many of its items still covered
   * (lowest units first) move to the replacements, keeping their start and end (the customer's cover does
   * not restart or shrink); the replacement's serial number names one item, the first. Returns the new
   * warranties, none when the line has no warranty.
   */
  async moveToReplacement(
    em: EntityManager,
    orderId: string,
    lineId: string,
    replacement: { sku: string; serialNumber: string | null },
    items = 1,
  ): Promise<WarrantyEntity[]> {
    const moved: WarrantyEntity[] = [];
    for (const old of await this.warranties.lockActiveOfOrderLine(em, orderId, lineId, items)) {
      const next: WarrantyEntity = {
        ...old,
        id: uuidv7(),
        sku: replacement.sku,
        serialNumber: moved.length === 0 ? replacement.serialNumber : null,
        status: 'active',
        replacesId: old.id,
        replacedById: null,
        createdAt: this.clock.now(),
      };
      await this.warranties.insertNew(em, [next]);
      old.status = 'replaced';
      old.replacedById = next.id;
      await this.warranties.save(em, old);
      moved.push(next);
    }
    return moved;
  }

  /** The active warranty of a product brought for repair: by its order line, else by serial number. */
  async findFor(p: {
    sku: string;
    serialNumber?: string;
    orderId?: string;
    lineId?: string;
  }): Promise<WarrantyEntity | null> {
    if (p.orderId && p.lineId) return this.warranties.findActiveByOrderLine(p.orderId, p.lineId);
    if (!p.serialNumber) return null;
    const [found] = await this.warranties.forCheck(p.sku, p.serialNumber, undefined);
    return found ?? null;
  }

  /** Whether the warranty covers a fault found now. */
  async inForce(id: string, em?: EntityManager): Promise<boolean> {
    const w = await this.warranties.findById(id, em);
    return w !== null && coverageOf(w, this.clock.now()) === 'in-force';
  }

  async get(id: string): Promise<WarrantyView> {
    const w = await this.warranties.findById(id);
    if (!w) throw WarrantyError.notFound(id);
    return toWarrantyView(w, this.clock.now());
  }

  async list(query: ListWarrantiesQuery): Promise<Page<WarrantyView>> {
    if (!query.serialNumber && !query.orderId && !query.customerId)
      throw RequestValidationError.field('serialNumber', 'give serialNumber, orderId or customerId');
    const after = decodeCursor(query.cursor, isPosition);
    const rows = await this.warranties.list(query, after?.id, query.limit + 1);
    const now = this.clock.now();
    const page = toPage(rows, query.limit, (last) => ({ id: last.id }));
    return { items: page.items.map((w) => toWarrantyView(w, now)), nextCursor: page.nextCursor };
  }

  /** complaints asks: is this product under warranty now? By serial number, else by order. */
  async check(req: CheckWarrantyRequestV1): Promise<CheckWarrantyReplyV1> {
    const now = this.clock.now();
    const candidates = await this.warranties.forCheck(req.sku, req.serialNumber, req.orderId);
    const inForce = candidates.find((w) => coverageOf(w, now) === 'in-force');
    if (!inForce) return { covered: false };
    return { covered: true, warrantyId: inForce.id, endsAt: inForce.endsAt.toISOString() };
  }

  eraseCustomer(em: EntityManager, customerId: string): Promise<number> {
    return this.warranties.unlinkCustomer(em, customerId);
  }
}
