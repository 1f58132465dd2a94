import { uuidv7 } from '@cx/contracts';
import {
  AuditLog,
  Clock,
  decodeCursor,
  EventPublisher,
  FileStorage,
  IdempotencyKeys,
  IdempotentResult,
  Page,
  Principal,
  RequestValidationError,
  StoredFileContent,
  toPage,
  Transactions,
  UploadedFilePart,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PolicyService } from '../policy/policy.service';
import { PurchaseService } from '../purchase/purchase.service';
import { WarrantyService } from '../warranty/warranty.service';
import {
  ApproveReturnDto,
  CreateReturnDto,
  ExchangeDto,
  ListReturnsQuery,
  ReceiveGoodsDto,
} from './dto/return.dto';
import { decideEligibility, failedReceiptChecks, missingQualityEvidence } from './eligibility';
import { EVIDENCE_KINDS, EvidenceKind, ReturnEvidenceEntity, ReturnRequestEntity } from './return.entity';
import { ReturnError } from './return.errors';
import { returnCompleted } from './return.events';
import { ReturnPosition, ReturnRepository } from './return.repository';
import {
  EvidenceView,
  ReturnDetailView,
  ReturnView,
  toEvidenceView,
  toReturnStepView,
  toReturnView,
} from './return.view';
import { canMove, ReturnStatus, stepDueAt } from './status';

const isPosition = (p: Record<string, unknown>): p is ReturnPosition =>
  typeof p.requestedAt === 'string' && typeof p.id === 'string';

/** The FileStorage owner of a return's evidence. */
export const evidenceOwner = (returnId: string) => `return:${returnId}`;

/** Returns and exchanges: eligibility decided and explained, each step owned and timed, refunds published. */
@Injectable()
export class ReturnService {
  constructor(
    private readonly tx: Transactions,
    private readonly returns: ReturnRepository,
    private readonly purchases: PurchaseService,
    private readonly warranties: WarrantyService,
    private readonly policy: PolicyService,
    private readonly idempotency: IdempotencyKeys,
    private readonly events: EventPublisher,
    private readonly files: FileStorage,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(
    dto: CreateReturnDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<ReturnView>> {
    if (dto.quality && !dto.defectDescription)
      throw RequestValidationError.field('defectDescription', 'a quality return needs a defect description');
    const found = await this.purchases.findLine(dto.orderId, dto.lineId);
    if (!found)
      throw new ReturnError('ORDER_LINE_NOT_FOUND', `order ${dto.orderId} has no line ${dto.lineId} here`, {
        orderId: dto.orderId,
        lineId: dto.lineId,
      });
    const { purchase, line } = found;
    const quantity = dto.quantity ?? line.quantity;
    if (quantity > line.quantity)
      throw new ReturnError('QUANTITY_EXCEEDS_LINE', `the line has ${line.quantity}`, { field: 'quantity' });
    const [zone, rules] = await Promise.all([
      this.policy.zoneOf(purchase.storeId),
      this.policy.categoryRules(line.category),
    ]);
    const now = this.clock.now();
    const decision = decideEligibility({
      deliveredAt: purchase.deliveredAt,
      requestedAt: now,
      special: rules.specialReturns,
      timeZone: zone,
    });
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const r: ReturnRequestEntity = {
          id: uuidv7(),
          kind: dto.kind,
          orderId: dto.orderId,
          lineId: dto.lineId,
          customerId: purchase.customerId,
          storeId: purchase.storeId,
          sku: line.sku,
          category: line.category,
          quantity,
          unitPriceMinor: line.unitPriceMinor,
          currency: purchase.currency ?? 'CNY',
          reason: dto.reason,
          quality: dto.quality,
          defectDescription: dto.defectDescription ?? null,
          special: rules.specialReturns,
          deliveredAt: purchase.deliveredAt,
          windowEndsAt: decision.windowEndsAt,
          eligible: decision.eligible,
          eligibility: decision.explanation,
          status: 'requested',
          ownerId: actor.sub,
          dueAt: stepDueAt('requested', now),
          rejectionReason: null,
          receipt: null,
          inspection: null,
          refundAmountMinor: null,
          replacementSku: null,
          replacementSerialNumber: null,
          warrantyId: null,
          requestedAt: now,
          requestedBy: actor.sub,
          completedAt: null,
        };
        await this.returns.insert(em, r);
        await this.returns.addStep(em, {
          returnId: r.id,
          status: 'requested',
          at: now,
          actorId: actor.sub,
          ownerId: r.ownerId,
          dueAt: r.dueAt,
          note: decision.explanation,
        });
        return { status: 201, body: toReturnView(r, now), resourceId: r.id };
      }),
    );
  }

  /**
   * Approval: only within the window (a lead may mark the case special: 15 days, decided again as of the
   * request), and a quality return only with its evidence complete.
   */
  approve(id: string, dto: ApproveReturnDto, actor: Principal): Promise<ReturnView> {
    if (dto.special && !actor.roles.includes('lead') && !actor.roles.includes('admin'))
      throw RequestValidationError.field('special', 'only a lead marks a case special');
    return this.step(id, 'approved', actor, dto.note ?? null, async (em, r) => {
      if (dto.special && !r.special) {
        const decision = decideEligibility({
          deliveredAt: r.deliveredAt,
          requestedAt: r.requestedAt,
          special: true,
          timeZone: await this.policy.zoneOf(r.storeId, em),
        });
        Object.assign(r, {
          special: true,
          eligible: decision.eligible,
          eligibility: decision.explanation,
          windowEndsAt: decision.windowEndsAt,
        });
      }
      if (!r.eligible) throw new ReturnError('RETURN_NOT_ELIGIBLE', r.eligibility, { returnId: r.id });
      if (r.quality) {
        const evidence = await this.returns.evidenceOf(r.id, em);
        const missing = missingQualityEvidence({
          photos: evidence.filter((e) => e.kind === 'photo').length,
          proofs: evidence.filter((e) => e.kind === 'proof-of-purchase').length,
          defectDescription: r.defectDescription,
        });
        if (missing.length)
          throw new ReturnError('EVIDENCE_MISSING', `a quality return needs: ${missing.join(', ')}`, {
            missing,
          });
      }
    });
  }

  reject(id: string, reason: string, actor: Principal): Promise<ReturnView> {
    return this.step(id, 'rejected', actor, reason, (_em, r) => {
      r.rejectionReason = reason;
      r.completedAt = this.clock.now();
    });
  }

  /** The goods came back: packaging, tags, invoice (and intact goods, unless quality) or it is rejected. */
  async receive(id: string, dto: ReceiveGoodsDto, actor: Principal): Promise<ReturnView> {
    const check = {
      originalPackaging: dto.originalPackaging,
      tags: dto.tags,
      invoice: dto.invoice,
      intact: dto.intact,
    };
    const current = await this.returns.findById(id);
    if (!current) throw ReturnError.notFound(id);
    const failed = failedReceiptChecks(check, current.quality);
    if (failed.length) {
      const reason = `checks failed at receipt: ${failed.join(', ')}`;
      return this.step(id, 'rejected', actor, reason, (_em, r) => {
        if (r.status !== 'approved')
          throw new ReturnError('RETURN_STEP_NOT_ALLOWED', `a ${r.status} return cannot receive goods`);
        Object.assign(r, { receipt: check, rejectionReason: reason, completedAt: this.clock.now() });
      });
    }
    return this.step(id, 'goods-received', actor, null, (_em, r) => {
      r.receipt = check;
    });
  }

  inspect(id: string, finding: string, actor: Principal): Promise<ReturnView> {
    return this.step(id, 'inspected', actor, finding, (_em, r) => {
      r.inspection = finding;
    });
  }

  /** The refund: the line's price times the quantity, published for crm (points reversed). */
  refund(id: string, actor: Principal): Promise<ReturnView> {
    return this.step(id, 'refunded', actor, null, async (em, r, now) => {
      if (r.kind !== 'return')
        throw new ReturnError('RETURN_KIND_MISMATCH', 'an exchange is exchanged, not refunded');
      r.refundAmountMinor = r.unitPriceMinor * r.quantity;
      if (r.customerId)
        await this.events.publish(
          em,
          returnCompleted({ ...r, customerId: r.customerId }, r.refundAmountMinor, now),
        );
    });
  }

  /** The exchange: the replacement recorded and the exchanged items' warranties moved to it. */
  exchange(id: string, dto: ExchangeDto, actor: Principal): Promise<ReturnView> {
    return this.step(id, 'exchanged', actor, null, async (em, r, now) => {
      if (r.kind !== 'exchange')
        throw new ReturnError('RETURN_KIND_MISMATCH', 'a return is refunded, not exchanged');
      r.replacementSku = dto.replacementSku;
      r.replacementSerialNumber = dto.replacementSerialNumber ?? null;
      r.refundAmountMinor = 0;
      const moved = await this.warranties.moveToReplacement(
        em,
        r.orderId,
        r.lineId,
        { sku: dto.replacementSku, serialNumber: dto.replacementSerialNumber ?? null },
        r.quantity,
      );
      r.warrantyId = moved[0]?.id ?? null;
      if (r.customerId)
        await this.events.publish(em, returnCompleted({ ...r, customerId: r.customerId }, 0, now));
    });
  }

  complete(id: string, actor: Principal): Promise<ReturnView> {
    return this.step(id, 'completed', actor, null, (_em, r, now) => {
      r.completedAt = now;
    });
  }

  /** The one way a return changes: lock, check the step, apply, move owner and time limit, record the step. */
  private async step(
    id: string,
    to: ReturnStatus,
    actor: Principal,
    note: string | null,
    apply: (em: EntityManager, r: ReturnRequestEntity, now: Date) => void | Promise<void>,
  ): Promise<ReturnView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const r = await this.returns.lockById(em, id);
      if (!r) throw ReturnError.notFound(id);
      if (!canMove(r.status, to))
        throw new ReturnError('RETURN_STEP_NOT_ALLOWED', `a ${r.status} return cannot become ${to}`, {
          status: r.status,
        });
      await apply(em, r, now);
      r.status = to;
      r.ownerId = actor.sub;
      r.dueAt = stepDueAt(to, now);
      await this.returns.save(em, r);
      await this.returns.addStep(em, {
        returnId: r.id,
        status: to,
        at: now,
        actorId: actor.sub,
        ownerId: r.ownerId,
        dueAt: r.dueAt,
        note,
      });
      return toReturnView(r, now);
    });
  }

  async get(id: string): Promise<ReturnDetailView> {
    const r = await this.returns.findById(id);
    if (!r) throw ReturnError.notFound(id);
    const steps = await this.returns.steps(id);
    return { ...toReturnView(r, this.clock.now()), steps: steps.map(toReturnStepView) };
  }

  async list(query: ListReturnsQuery): Promise<Page<ReturnView>> {
    const now = this.clock.now();
    const rows = await this.returns.list(
      { ...query, overdueAt: query.overdue ? now : undefined },
      decodeCursor(query.cursor, isPosition),
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, (last) => ({
      requestedAt: last.requestedAt.toISOString(),
      id: last.id,
    }));
    return { items: page.items.map((r) => toReturnView(r, now)), nextCursor: page.nextCursor };
  }

  /** A photo or document for a return: the file and its row in one transaction (nothing stored on refusal). */
  async addEvidence(id: string, upload: UploadedFilePart, actor: Principal): Promise<EvidenceView> {
    const kind = upload.fields.kind;
    if (!(EVIDENCE_KINDS as readonly string[]).includes(kind))
      throw RequestValidationError.field(
        'kind',
        `kind must be one of ${EVIDENCE_KINDS.join(', ')} (sent before the file)`,
      );
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const r = await this.returns.lockById(em, id);
      if (!r) throw ReturnError.notFound(id);
      if (r.status === 'rejected' || r.status === 'completed')
        throw new ReturnError('RETURN_STEP_NOT_ALLOWED', `a ${r.status} return takes no more evidence`);
      const file = await this.files.put(
        {
          owner: evidenceOwner(id),
          contentType: upload.contentType,
          content: upload.content,
          filename: upload.filename,
          createdAt: now,
        },
        em,
      );
      const evidence: ReturnEvidenceEntity = {
        id: uuidv7(),
        returnId: id,
        kind: kind as EvidenceKind,
        fileId: file.id,
        contentType: file.contentType,
        size: file.size,
        filename: file.filename,
        createdAt: now,
        createdBy: actor.sub,
      };
      await this.returns.insertEvidence(em, evidence);
      return toEvidenceView(evidence);
    });
  }

  async listEvidence(id: string): Promise<EvidenceView[]> {
    if (!(await this.returns.findById(id))) throw ReturnError.notFound(id);
    return (await this.returns.evidenceOf(id)).map(toEvidenceView);
  }

  /** The file itself, to staff who handle returns; every read is in the audit log (photos can show a person). */
  async readEvidence(id: string, evidenceId: string, actor: Principal): Promise<StoredFileContent> {
    const evidence = await this.returns.findEvidence(id, evidenceId);
    const file = evidence ? await this.files.get(evidence.fileId) : null;
    if (!evidence || !file)
      throw new ReturnError('EVIDENCE_NOT_FOUND', `return ${id} has no evidence ${evidenceId}`, {
        evidenceId,
      });
    await this.audit.record({
      actor: { sub: actor.sub, roles: actor.roles },
      action: 'read',
      subjectType: 'return-evidence',
      subjectId: evidenceId,
      fields: ['file'],
      purpose: `return ${id}`,
    });
    return file;
  }

  /** crm erased the customer: the link, their words and their photos go; the return's facts stay. */
  async eraseCustomer(em: EntityManager, customerId: string): Promise<void> {
    for (const { id } of await this.returns.idsOfCustomer(em, customerId))
      await this.files.deleteByOwner(evidenceOwner(id), em);
    await this.returns.scrubCustomer(em, customerId);
  }
}
