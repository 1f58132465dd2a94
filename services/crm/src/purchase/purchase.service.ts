import {
  conformsTo,
  GetPurchaseReplyV1,
  GetPurchaseRequestV1,
  ReturnCompletedV1,
  uuidv7,
  validateAs,
} from '@cx/contracts';
import {
  Clock,
  CursorPageQuery,
  decodeCursor,
  EventPublisher,
  FieldError,
  idempotentResult,
  IdempotencyKeys,
  IdempotentAnswer,
  IdempotentOutcome,
  IdempotentRequest,
  IdempotentResult,
  Page,
  Principal,
  RequestValidationError,
  RpcError,
  toPage,
  Transactions,
  WriteBatcher,
  writeTogetherThenRead,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CrmConfig } from '../config';
import { CustomerTierEntity } from '../loyalty/loyalty.entity';
import { LoyaltyService, PurchaseForLoyalty } from '../loyalty/loyalty.service';
import { CreatePurchaseDto, PurchaseLineDto } from './dto/create-purchase.dto';
import { RecordDeliveryDto } from './dto/record-delivery.dto';
import { PurchaseEntity, PurchaseLineEntity } from './purchase.entity';
import { PurchaseError } from './purchase.errors';
import { purchaseDelivered, purchaseRecorded } from './purchase.events';
import { orderKey, PurchasePosition, PurchaseRepository } from './purchase.repository';
import { contentHash, purchaseProblems, signOffProblem } from './purchase.rules';
import {
  BulkItemView,
  BulkResultView,
  PurchaseView,
  PurchaseWithLines,
  toLineV1,
  toPurchaseView,
} from './purchase.view';

/** What became of one order sent to ingest. */
type Outcome =
  | { kind: 'created'; purchase: PurchaseWithLines }
  /** Recorded before (or earlier in the same request) with the same content. */
  | { kind: 'unchanged'; purchaseId: string }
  /** Recorded before (or earlier in the same request) with other content. */
  | { kind: 'conflict'; purchaseId?: string }
  | { kind: 'unknown-customer' };

/** One POST /purchases waiting for its group commit. */
interface SinglePurchase {
  dto: CreatePurchaseDto;
  actor: Principal;
  idempotency?: IdempotentRequest;
}

const isPosition = (p: Record<string, unknown>): p is PurchasePosition =>
  typeof p.purchasedAt === 'string' && typeof p.id === 'string';

const byOrder = (a: CreatePurchaseDto, b: CreatePurchaseDto) =>
  a.source < b.source
    ? -1
    : a.source > b.source
      ? 1
      : a.orderId < b.orderId
        ? -1
        : a.orderId > b.orderId
          ? 1
          : 0;

/** Purchases: recording (one or a bulk), the later sign-off, refunds, and how they read. */
@Injectable()
export class PurchaseService {
  /** Single POSTs that arrive together are written together (group commit, ADR 8) through the bulk path. */
  private readonly batcher: WriteBatcher<SinglePurchase, IdempotentOutcome<PurchaseView>>;

  constructor(
    private readonly tx: Transactions,
    private readonly purchases: PurchaseRepository,
    private readonly events: EventPublisher,
    private readonly idempotency: IdempotencyKeys,
    private readonly loyalty: LoyaltyService,
    private readonly clock: Clock,
    config: CrmConfig,
  ) {
    this.batcher = new WriteBatcher((items) => this.tx.run((em) => this.writeAll(em, items)), {
      maxBatch: config.PURCHASE_BATCH_MAX,
      concurrency: config.PURCHASE_BATCH_CONCURRENCY,
    });
  }

  /**
   * Records one purchase: 201 the first time; 200 with the purchase for a repeat of the same order
   * with the same content (also without an Idempotency-Key); 409 for the same order with other
   * content; 422 for a customer that does not exist. With an Idempotency-Key, a retry gets the first answer.
   */
  async create(
    dto: CreatePurchaseDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<PurchaseView>> {
    const problems = purchaseProblems(dto, this.clock.now());
    if (problems.length > 0) throw new RequestValidationError(problems);
    const outcome = await this.batcher.submit({
      dto,
      actor,
      idempotency: key ? { caller: actor.sub, key, body: dto } : undefined,
    });
    return idempotentResult(outcome);
  }

  /**
   * A batch of single POSTs in one transaction: their Idempotency-Keys claimed together, then the
   * bulk path's set-based ingest. A refused order (conflict, unknown customer) throws, which rolls the
   * batch back and has WriteBatcher write each of its POSTs alone: the refused one gets its error, its
   * key is not kept, and the others are answered as if they had come one at a time.
   */
  private writeAll(em: EntityManager, items: SinglePurchase[]): Promise<IdempotentOutcome<PurchaseView>[]> {
    const now = this.clock.now();
    return this.idempotency.runAll(
      em,
      items.map((i) => i.idempotency),
      async (todo) => {
        const fresh = todo.map((i) => items[i]);
        const outcomes = await this.ingest(
          em,
          fresh.map((f) => f.dto),
          fresh.map((f) => f.actor),
          now,
        );
        const answers: IdempotentAnswer<PurchaseView>[] = [];
        for (const [j, outcome] of outcomes.entries())
          answers.push(await this.answer(em, fresh[j].dto, outcome));
        return answers;
      },
    );
  }

  private async answer(
    em: EntityManager,
    dto: CreatePurchaseDto,
    outcome: Outcome,
  ): Promise<IdempotentAnswer<PurchaseView>> {
    switch (outcome.kind) {
      case 'created':
        return {
          status: 201,
          body: toPurchaseView(outcome.purchase),
          resourceId: outcome.purchase.purchase.id,
        };
      case 'unchanged': {
        const found = await this.purchases.findById(outcome.purchaseId, em);
        if (!found) throw PurchaseError.notFound(outcome.purchaseId);
        return { status: 200, body: toPurchaseView(found), resourceId: outcome.purchaseId };
      }
      case 'conflict':
        throw PurchaseError.orderConflict(dto.source, dto.orderId, outcome.purchaseId ?? '');
      case 'unknown-customer':
        throw PurchaseError.unknownCustomer(dto.customerId);
    }
  }

  /**
   * Records up to 1,000 purchases in one transaction, each accepted or refused on its own: invalid
   * items (each field named), unknown customers and orders recorded with other content are refused,
   * the rest committed with their lines, loyalty entries and events, a few statements for the batch.
   */
  async bulk(items: unknown[], actor: Principal): Promise<BulkResultView> {
    const now = this.clock.now();
    const results: BulkItemView[] = items.map((raw, index) => ({
      index,
      orderId:
        typeof (raw as { orderId?: unknown })?.orderId === 'string'
          ? (raw as { orderId: string }).orderId
          : null,
      status: 'refused',
    }));
    const valid: { index: number; dto: CreatePurchaseDto }[] = [];
    items.forEach((raw, index) => {
      const checked = validateItem(raw, now);
      if ('errors' in checked)
        results[index].reason = {
          code: 'invalid',
          message: 'the purchase is invalid: see errors',
          errors: checked.errors,
        };
      else valid.push({ index, dto: checked.dto });
    });
    if (valid.length > 0) {
      const outcomes = await this.tx.run((em) =>
        this.ingest(
          em,
          valid.map((v) => v.dto),
          valid.map(() => actor),
          now,
        ),
      );
      outcomes.forEach((o, j) => {
        const r = results[valid[j].index];
        const dto = valid[j].dto;
        switch (o.kind) {
          case 'created':
            Object.assign(r, { status: 'created', purchaseId: o.purchase.purchase.id });
            break;
          case 'unchanged':
            Object.assign(r, { status: 'unchanged', purchaseId: o.purchaseId });
            break;
          case 'conflict':
            r.reason = {
              code: 'order-conflict',
              message: `order ${dto.orderId} from ${dto.source} was recorded before with other content`,
            };
            if (o.purchaseId) r.purchaseId = o.purchaseId;
            break;
          case 'unknown-customer':
            r.reason = {
              code: 'unknown-customer',
              message: `customer ${dto.customerId} does not exist (or was merged or erased)`,
            };
        }
      });
    }
    const count = (s: BulkItemView['status']) => results.filter((r) => r.status === s).length;
    return {
      created: count('created'),
      unchanged: count('unchanged'),
      refused: count('refused'),
      items: results,
    };
  }

  /**
   * Stores the orders of `dtos` (valid ones) in `em`'s transaction, set-based: one statement for the
   * purchases of active customers, one for the orders found taken (when any was not inserted), one for
   * the lines and the events, and loyalty's, whatever the count. One outcome per dto, in order. An order sent twice in one call is
   * stored once; the later one is a repeat (same content) or a conflict.
   */
  private async ingest(
    em: EntityManager,
    dtos: CreatePurchaseDto[],
    /** Who sent each of `dtos`. */
    actors: Principal[],
    now: Date,
  ): Promise<Outcome[]> {
    const keys = dtos.map((d) => orderKey(d.source, d.orderId));
    const hashes = dtos.map(contentHash);
    const leaderOf = new Map<string, number>();
    keys.forEach((k, i) => {
      if (!leaderOf.has(k)) leaderOf.set(k, i);
    });
    const leaders = [...leaderOf.values()].sort((a, b) => byOrder(dtos[a], dtos[b]));

    // The customers' check rides on the insert: an order not inserted is taken, or its customer is
    // not one a purchase may be recorded for (the rare case, told apart by findOrders).
    const built = new Map<number, PurchaseWithLines>();
    for (const i of leaders) built.set(i, build(dtos[i], hashes[i], actors[i], now));
    const inserted = await this.purchases.insertNew(
      em,
      [...built.values()].map((b) => b.purchase),
    );
    const created = [...built.values()].filter((b) => inserted.has(b.purchase.id));
    const taken = await this.purchases.findOrders(
      em,
      leaders.filter((i) => !inserted.has(built.get(i)!.purchase.id)).map((i) => dtos[i]),
    );

    if (created.length > 0) {
      // The lines and the events in one statement (ADR 28), ahead of loyalty, which locks the customers'
      // balance and tier rows until the commit: a concurrent batch of the same customers waits less.
      // The tiers loyalty reads first ride on it (ADR 49): it writes none of them.
      const loyaltyPurchases = created.map(forLoyalty);
      const heldTiers = await writeTogetherThenRead<CustomerTierEntity>(
        em,
        async (w) => {
          await this.purchases.insertLines(
            w,
            created.flatMap((c) => c.lines),
          );
          await this.events.publishAll(w, created.map(purchaseRecorded));
        },
        this.loyalty.heldTiersRead(loyaltyPurchases),
      );
      await this.loyalty.recordPurchases(em, loyaltyPurchases, heldTiers);
    }

    const outcomes = new Map<number, Outcome>();
    for (const i of leaders) {
      const mine = built.get(i);
      const before = taken.get(keys[i]);
      if (mine && inserted.has(mine.purchase.id)) outcomes.set(i, { kind: 'created', purchase: mine });
      else if (before)
        outcomes.set(
          i,
          before.contentHash === hashes[i]
            ? { kind: 'unchanged', purchaseId: before.id }
            : { kind: 'conflict', purchaseId: before.id },
        );
      else outcomes.set(i, { kind: 'unknown-customer' });
    }
    // An order sent again in the same call is compared with what is recorded: the earlier order's
    // content when it was recorded before, or the leader's when the leader recorded it now.
    return dtos.map((_d, i): Outcome => {
      const leader = leaderOf.get(keys[i])!;
      const first = outcomes.get(leader)!;
      if (leader === i) return first;
      const before = taken.get(keys[i]);
      const recordedHash = before ? before.contentHash : hashes[leader];
      const purchaseId = before
        ? before.id
        : first.kind === 'created'
          ? first.purchase.purchase.id
          : undefined;
      if (hashes[i] !== recordedHash) return { kind: 'conflict', purchaseId };
      return purchaseId ? { kind: 'unchanged', purchaseId } : first;
    });
  }

  /**
   * The delivery sign-off that arrived later, for the purchase with this id or (`{ source, orderId }`)
   * this order: sets it, moves the loyalty release date, and publishes evt.crm.purchase.delivered.v1.
   * The same sign-off again changes nothing; another one is a 409.
   */
  async recordDelivery(
    which: string | { source: string; orderId: string },
    dto: RecordDeliveryDto,
  ): Promise<PurchaseView> {
    const deliveredAt = new Date(dto.deliveredAt);
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const purchase =
        typeof which === 'string'
          ? await this.purchases.lockById(em, which)
          : await this.purchases.lockByOrder(em, which.source, which.orderId);
      if (!purchase)
        throw typeof which === 'string'
          ? PurchaseError.notFound(which)
          : PurchaseError.notFoundByOrder(which.source, which.orderId);
      const id = purchase.id;
      if (purchase.deliveredAt) {
        if (purchase.deliveredAt.getTime() !== deliveredAt.getTime())
          throw PurchaseError.alreadyDelivered(id, purchase.deliveredAt);
      } else {
        const problem = signOffProblem(purchase.purchasedAt, deliveredAt, now);
        if (problem) throw RequestValidationError.field('deliveredAt', problem);
        await this.purchases.setDelivered(em, id, deliveredAt);
        await this.loyalty.recordDelivery(em, id, deliveredAt);
      }
      const full = await this.purchases.findById(id, em);
      if (!full) throw PurchaseError.notFound(id);
      if (!purchase.deliveredAt) await this.events.publish(em, purchaseDelivered(full, deliveredAt, now));
      return toPurchaseView(full);
    });
  }

  async get(id: string): Promise<PurchaseView> {
    const found = await this.purchases.findById(id);
    if (!found) throw PurchaseError.notFound(id);
    return toPurchaseView(found);
  }

  /** rpc.crm.get-purchase.v1: by id, or by source and order id. */
  async forRequest(req: GetPurchaseRequestV1): Promise<GetPurchaseReplyV1> {
    let found: PurchaseWithLines | null;
    if (req.purchaseId !== undefined && req.source === undefined && req.orderId === undefined) {
      found = await this.purchases.findById(req.purchaseId);
      if (!found) throw PurchaseError.notFound(req.purchaseId);
    } else if (req.purchaseId === undefined && req.source !== undefined && req.orderId !== undefined) {
      found = await this.purchases.findByOrder(req.source, req.orderId);
      if (!found) throw PurchaseError.notFoundByOrder(req.source, req.orderId);
    } else throw new RpcError('INVALID_REQUEST', 'send either purchaseId, or source and orderId');
    const { purchase: p, lines } = found;
    return {
      purchaseId: p.id,
      customerId: p.customerId,
      source: p.source,
      orderId: p.orderId,
      storeId: p.storeId,
      channel: p.channel,
      purchasedAt: p.purchasedAt.toISOString(),
      ...(p.deliveredAt && { deliveredAt: p.deliveredAt.toISOString() }),
      paidAmountMinor: p.paidAmountMinor,
      refundedAmountMinor: p.refundedAmountMinor,
      currency: p.currency,
      lines: lines.map(toLineV1),
    };
  }

  /** A customer's purchases, newest first, by cursor (docs/api.md, Pagination). */
  async listByCustomer(customerId: string, query: CursorPageQuery): Promise<Page<PurchaseView>> {
    const rows = await this.purchases.listByCustomer(
      customerId,
      decodeCursor(query.cursor, isPosition),
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, (last) => ({
      purchasedAt: last.purchase.purchasedAt.toISOString(),
      id: last.purchase.id,
    }));
    return { items: page.items.map(toPurchaseView), nextCursor: page.nextCursor };
  }

  /**
   * A merge, in its transaction: the merged record's purchases, and with them its points and tier
   * inputs, follow to the survivor (docs/crm/customers.md, Merging duplicates).
   */
  async followMerge(
    em: EntityManager,
    mergedId: string,
    survivorId: string,
    actor: Principal,
  ): Promise<void> {
    await this.purchases.moveToSurvivor(em, mergedId, survivorId);
    await this.loyalty.followMerge(em, mergedId, survivorId, actor.sub);
  }

  /**
   * A completed return (evt.aftersales.return.completed.v1), in the consumer's transaction: recorded
   * once per return against the customer's order, and loyalty reverses what the amount earned. A
   * return for an order crm does not have fails (retried, then dead-lettered for a replay once the
   * purchase has arrived).
   */
  async recordRefund(em: EntityManager, r: ReturnCompletedV1): Promise<void> {
    const purchase = await this.purchases.lockForRefund(em, r.customerId, r.orderId, r.storeId);
    if (!purchase)
      throw new Error(
        `return ${r.returnId}: customer ${r.customerId} has no purchase with order ${r.orderId}`,
      );
    if (purchase.currency !== r.currency)
      throw new Error(
        `return ${r.returnId}: refund in ${r.currency}, purchase ${purchase.id} in ${purchase.currency}`,
      );
    const refundedAt = new Date(r.completedAt);
    const fresh = await this.purchases.insertRefund(em, {
      returnId: r.returnId,
      purchaseId: purchase.id,
      kind: r.kind,
      amountMinor: r.refundAmountMinor,
      currency: r.currency,
      refundedAt,
      recordedAt: this.clock.now(),
    });
    if (!fresh) return;
    await this.purchases.addRefunded(em, purchase.id, r.refundAmountMinor);
    if (r.refundAmountMinor > 0)
      await this.loyalty.recordRefund(em, {
        purchaseId: purchase.id,
        customerId: purchase.customerId,
        returnId: r.returnId,
        amountMinor: r.refundAmountMinor,
        refundedAt,
      });
  }
}

/** The properties a purchase and a line may have: anything else is refused, as the global ValidationPipe does. */
const PURCHASE_KEYS: Record<keyof CreatePurchaseDto, true> = {
  source: true,
  orderId: true,
  channel: true,
  storeId: true,
  customerId: true,
  lines: true,
  paidAmountMinor: true,
  currency: true,
  purchasedAt: true,
  deliveredAt: true,
  salesEmployeeId: true,
};
const LINE_KEYS: Record<keyof PurchaseLineDto, true> = {
  lineId: true,
  sku: true,
  category: true,
  productName: true,
  serialNumber: true,
  quantity: true,
  unitPriceMinor: true,
  warrantyClass: true,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownProperties(raw: Record<string, unknown>): FieldError[] {
  const found: FieldError[] = [];
  const check = (o: Record<string, unknown>, known: Record<string, true>, prefix: string) => {
    for (const key of Object.keys(o))
      if (!Object.hasOwn(known, key))
        found.push({ field: prefix + key, messages: [`property ${key} should not exist`] });
  };
  check(raw, PURCHASE_KEYS, '');
  if (Array.isArray(raw.lines))
    raw.lines.forEach((line, i) => {
      if (isObject(line)) check(line, LINE_KEYS, `lines.${i}.`);
    });
  return found;
}

/**
 * An item of a bulk request, checked as POST /purchases checks its body (the same rules, unknown
 * properties refused), with the contracts' validator: its fast path skips class-validator's per-call
 * work for the items that pass, which is nearly all of a nightly sync.
 */
function validateItem(raw: unknown, now: Date): { dto: CreatePurchaseDto } | { errors: FieldError[] } {
  if (!isObject(raw)) return { errors: [{ field: '', messages: ['a purchase must be a JSON object'] }] };
  // A valid item is used as it came (JSON, checked in place); validateAs for the errors of the rest.
  const checked = conformsTo(CreatePurchaseDto, raw)
    ? { ok: true as const, value: raw as unknown as CreatePurchaseDto }
    : validateAs(CreatePurchaseDto, raw);
  const errors = [...(checked.ok ? [] : checked.errors), ...unknownProperties(raw)];
  if (errors.length > 0 || !checked.ok) return { errors };
  const problems = purchaseProblems(checked.value, now);
  return problems.length > 0 ? { errors: problems } : { dto: checked.value };
}

function build(dto: CreatePurchaseDto, hash: string, actor: Principal, now: Date): PurchaseWithLines {
  const id = uuidv7();
  const purchase: PurchaseEntity = {
    id,
    source: dto.source,
    orderId: dto.orderId,
    channel: dto.channel,
    storeId: dto.storeId,
    customerId: dto.customerId.toLowerCase(),
    paidAmountMinor: dto.paidAmountMinor,
    currency: dto.currency,
    purchasedAt: new Date(dto.purchasedAt),
    deliveredAt: dto.deliveredAt ? new Date(dto.deliveredAt) : null,
    refundedAmountMinor: 0,
    contentHash: hash,
    recordedAt: now,
    recordedBy: actor.sub,
  };
  const lines = dto.lines.map((l, position): PurchaseLineEntity => ({
    purchaseId: id,
    position,
    lineId: l.lineId,
    sku: l.sku,
    category: l.category,
    productName: l.productName,
    serialNumber: l.serialNumber ?? null,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    warrantyClass: l.warrantyClass ?? null,
  }));
  return { purchase, lines, salesEmployeeId: dto.salesEmployeeId };
}

function forLoyalty({ purchase: p, lines }: PurchaseWithLines): PurchaseForLoyalty {
  return {
    purchaseId: p.id,
    customerId: p.customerId,
    storeId: p.storeId,
    orderId: p.orderId,
    paidAmountMinor: p.paidAmountMinor,
    currency: p.currency,
    purchasedAt: p.purchasedAt,
    deliveredAt: p.deliveredAt,
    lines: lines.map((l) => ({
      category: l.category,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
    })),
  };
}
