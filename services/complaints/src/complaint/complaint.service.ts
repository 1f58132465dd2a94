import {
  ComplaintResolvedV1,
  ComplaintStatus,
  EscalationReason,
  ResponseSubmittedV1,
  Subjects,
  uuidv7,
} from '@cx/contracts';
import {
  AuditLog,
  Clock,
  decodeCursor,
  encodeCursor,
  IdempotencyKeyReusedError,
  Page,
  PiiCipher,
  Principal,
  RequestValidationError,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CustomerRepository } from '../customer/customer.repository';
import { PolicyService } from '../policy/policy.service';
import { SlaExplanation } from '../sla/sla-clock';
import { SlaService } from '../sla/sla.service';
import { ChangeRecorder, ComplaintChanges } from './complaint.changes';
import { ComplaintEntity, PauseReason } from './complaint.entity';
import { ComplaintError } from './complaint.errors';
import { ComplaintIntake } from './complaint.intake';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintDetailView, ComplaintView, toDetail, toView } from './complaint.view';
import { CreateComplaintDto } from './dto/create-complaint.dto';
import { ChangeStatusDto } from './dto/actions.dto';
import { ListComplaintsQuery } from './dto/list-complaints.query';
import { triage } from './priority';
import { canTransition, isFirstResponse, isOpen } from './status';

const DAY = 86_400_000;
/** Complaint boxes are emptied late and letters arrive late, but not from the future. */
const CLOCK_SKEW_MS = 5 * 60_000;
const OLDEST_RECEIPT_MS = 90 * DAY;

const isPosition = (p: Record<string, unknown>): p is { receivedAt: string; id: string } =>
  typeof p.receivedAt === 'string' && typeof p.id === 'string';

/** Intake, triage, the status life cycle, reads, and the customer's follow-up. */
@Injectable()
export class ComplaintService {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly changes: ComplaintChanges,
    private readonly clock: Clock,
    private readonly policies: PolicyService,
    private readonly sla: SlaService,
    private readonly customers: CustomerRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditLog,
    private readonly intake: ComplaintIntake,
  ) {}

  /**
   * Registers a complaint from any channel. With an Idempotency-Key, a retry gets the first request's
   * answer again (created: false) instead of creating another (IdempotencyKeys, docs/api.md).
   */
  async create(
    dto: CreateComplaintDto,
    actor: Principal,
    idempotencyKey?: string,
  ): Promise<{ complaint: ComplaintView; created: boolean }> {
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw RequestValidationError.field('receivedAt', 'receivedAt cannot be in the future');
    if (receivedAt.getTime() < now.getTime() - OLDEST_RECEIPT_MS)
      throw RequestValidationError.field('receivedAt', 'receivedAt is more than 90 days ago');
    const { name, phone, email } = dto.complainant ?? {};
    if (!dto.customerId && !phone && !email)
      throw RequestValidationError.field(
        'complainant',
        'give the customerId, or the complainant with a phone or an email to answer them',
      );
    const category = await this.policies.activeCategory(dto.category);
    if (!category)
      throw new ComplaintError(
        'UNKNOWN_CATEGORY',
        `category ${dto.category} is not an active category of the taxonomy`,
        { field: 'category' },
      );
    const policy = await this.policies.policy();
    const ownerId = actor.roles.includes('system')
      ? (dto.takenBy ?? `queue:${category.department ?? 'customer-service'}`)
      : actor.sub;

    // Triage and the SLA read the tier and the policy rows through the pool: done before the
    // transaction, because a transaction that holds a connection while it waits for another one
    // deadlocks the service as soon as every pooled connection is held by such a transaction.
    const tier = dto.customerId ? await this.customers.tierOf(dto.customerId) : null;
    const departments = dto.departments ?? (category.department ? [category.department] : []);
    const t = triage({
      urgency: dto.urgency,
      importance: dto.importance,
      tier,
      vipTiers: policy.vipTiers,
      majorCategory: category.major,
      departments,
    });
    const deadlines = await this.sla.deadlinesFor({
      receivedAt,
      resolutionClockStartedAt: receivedAt,
      priority: t.priority,
      channel: dto.channel,
      tier,
      storeId: dto.storeId ?? null,
      pauses: [],
    });

    const c = new ComplaintEntity();
    Object.assign(c, {
      id: uuidv7(),
      reference: '', // drawn when it is stored
      channel: dto.channel,
      category: dto.category,
      urgency: dto.urgency,
      importance: dto.importance,
      priority: t.priority,
      isMajor: t.isMajor,
      departments,
      customerTier: tier,
      customerId: dto.customerId ?? null,
      complainantName: name ?? null,
      complainantPhone: phone ?? null,
      complainantEmail: email ?? null,
      phoneHash: phone ? this.cipher.blindIndex(phone, 'phone') : null,
      emailHash: email ? this.cipher.blindIndex(email, 'email') : null,
      storeId: dto.storeId ?? null,
      orderId: dto.orderId ?? null,
      productSku: dto.productSku ?? null,
      employeeId: dto.employeeId ?? null,
      description: dto.description,
      attachments: dto.attachments ?? [],
      status: 'received',
      ownerId,
      department: departments[0] ?? null,
      receivedAt,
      recordedAt: now,
      recordedBy: actor.sub,
      firstResponseDueAt: deadlines.firstResponseDueAt,
      resolutionDueAt: deadlines.resolutionDueAt,
      resolutionClockStartedAt: receivedAt,
      firstResponseHours: deadlines.targets.firstResponseHours,
      resolutionHours: deadlines.targets.resolutionHours,
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      resolutionSummary: null,
      firstResponseWarnedAt: null,
      firstResponseBreachedAt: null,
      resolutionWarnedAt: null,
      resolutionBreachedAt: null,
      escalationLevel: 0,
      isRepeat: false, // decided when it is stored
      repeatOf: null,
      mergedInto: null,
      reopenCount: 0,
      satisfaction: null,
      satisfactionAt: null,
      version: 1,
      updatedAt: now,
    } satisfies ComplaintEntity);
    const outcome = await this.intake.store({
      complaint: c,
      triage: t.reasons,
      repeatSince: new Date(receivedAt.getTime() - policy.repeatWindowDays * DAY),
      idempotency: idempotencyKey ? { caller: actor.sub, key: idempotencyKey, body: dto } : undefined,
      answer: (stored) => toView(stored, policy.vipTiers),
    });
    switch (outcome.kind) {
      case 'created':
        return { complaint: outcome.view, created: true };
      case 'retried':
        return { complaint: outcome.view, created: false };
      case 'key-reused':
        throw new IdempotencyKeyReusedError();
    }
  }

  /** One complaint with the complainant's contact; the read of personal data is audit-logged. */
  async get(id: string, actor: Principal): Promise<ComplaintDetailView> {
    const c = await this.complaints.findById(id);
    if (!c) throw ComplaintError.notFound(id);
    const fields = (['complainantName', 'complainantPhone', 'complainantEmail'] as const).filter(
      (f) => c[f] !== null,
    );
    if (fields.length)
      await this.audit.record({
        actor,
        action: 'read',
        subjectType: 'complaint',
        subjectId: id,
        fields,
        purpose: 'complaint-handling',
      });
    return toDetail(c, (await this.policies.policy()).vipTiers);
  }

  async list(query: ListComplaintsQuery): Promise<Page<ComplaintView>> {
    const after = decodeCursor(query.cursor, isPosition);
    const rows = await this.complaints.list({
      ...query,
      now: this.clock.now(),
      after,
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const { vipTiers } = await this.policies.policy();
    return {
      items: items.map((c) => toView(c, vipTiers)),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ receivedAt: last.receivedAt.toISOString(), id: last.id })
          : null,
    };
  }

  /** Moves a complaint along its life cycle; anything the machine does not allow answers 409. */
  async changeStatus(id: string, dto: ChangeStatusDto, actor: Principal): Promise<ComplaintView> {
    if (dto.status === 'resolved' && !dto.summary)
      throw RequestValidationError.field('summary', 'summary is required to resolve a complaint');
    if ((dto.status === 'reopened' || dto.status === 'withdrawn') && !dto.reason)
      throw RequestValidationError.field('reason', `reason is required to set ${dto.status}`);
    const policy = await this.policies.policy();
    const c = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
      await this.transition(em, c, rec, dto.status, {
        message: dto.message,
        summary: dto.summary,
        reason: dto.reason,
        actorId: actor.sub,
      });
      return c;
    });
    return toView(c, policy.vipTiers);
  }

  /**
   * The single place a status changes: checks the machine, runs the clocks (first response, pause
   * while waiting for the customer, a fresh solution clock on reopening), records and tells.
   */
  async transition(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    to: ComplaintStatus,
    o: { message?: string; summary?: string; reason?: string; actorId: string },
  ): Promise<void> {
    const from = c.status;
    if (!canTransition(from, to))
      throw new ComplaintError('ILLEGAL_TRANSITION', `a ${from} complaint cannot become ${to}`, { from, to });
    const now = rec.now;
    if (isFirstResponse(from, to) && !c.firstRespondedAt) c.firstRespondedAt = now;
    if (from === 'waiting-for-customer' && isOpen(to)) await this.resumeClock(em, c, rec, o.actorId);
    if (!isOpen(to)) await this.endOpenPause(em, c, rec, o.actorId); // a case that stops being open has no clock to pause
    if (to === 'waiting-for-customer') await this.pauseClock(em, c, rec, 'waiting-for-customer', o.actorId);
    c.status = to;
    switch (to) {
      case 'resolved':
        c.resolvedAt = now;
        c.resolutionSummary = o.summary ?? null;
        rec.emit({
          type: Subjects.complaints.complaintResolved,
          aggregateId: c.id,
          occurredAt: now,
          data: {
            complaintId: c.id,
            reference: c.reference,
            ...(c.customerId ? { customerId: c.customerId } : {}),
            ...(c.storeId ? { storeId: c.storeId } : {}),
            ...(c.employeeId ? { employeeId: c.employeeId } : {}),
            ownerId: c.ownerId,
            category: c.category,
            resolutionSummary: o.summary ?? '',
            resolvedAt: now.toISOString(),
          } satisfies ComplaintResolvedV1,
        });
        break;
      case 'closed':
        c.closedAt = now;
        break;
      case 'reopened': {
        c.reopenCount += 1;
        c.resolvedAt = null;
        c.closedAt = null;
        // A fresh solution clock: a reopened complaint must not breach at once because of its age.
        c.resolutionClockStartedAt = now;
        c.resolutionWarnedAt = null;
        c.resolutionBreachedAt = null;
        c.resolutionDueAt = (
          await this.sla.deadlinesFor({ ...this.slaFacts(c), pauses: [] }, em)
        ).resolutionDueAt;
        const policy = await this.policies.policy(em);
        if (c.reopenCount > policy.reopenEscalationThreshold)
          this.escalate(
            c,
            rec,
            'reopened-too-often',
            `reopened ${c.reopenCount} times`,
            policy.escalationChain,
          );
        break;
      }
      case 'received':
      case 'acknowledged':
      case 'in-progress':
      case 'waiting-for-customer':
      case 'withdrawn':
        break;
    }
    rec.note('status-changed', { reason: o.reason, summary: o.summary, message: o.message }, from, to);
    rec.tellCustomer(to, o.message ?? o.summary);
  }

  /** Stops the solution clock (the due time is unknown until it resumes); the reason is kept. */
  async pauseClock(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    reason: PauseReason,
    actorId: string,
  ): Promise<void> {
    const open = (await this.complaints.pauses(c.id, em)).find((p) => p.resumedAt === null);
    if (open)
      throw new ComplaintError('ALREADY_PAUSED', `the solution clock is already paused (${open.reason})`);
    await this.complaints.addPause(em, {
      id: uuidv7(),
      complaintId: c.id,
      reason,
      pausedAt: rec.now,
      resumedAt: null,
      pausedBy: actorId,
      resumedBy: null,
    });
    c.resolutionDueAt = null;
    rec.note('sla-paused', { reason });
  }

  /** Restarts the solution clock: the due time moves by the (working) time the clock stood still. */
  async resumeClock(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    actorId: string,
  ): Promise<void> {
    const pauses = await this.complaints.pauses(c.id, em);
    const open = pauses.find((p) => p.resumedAt === null);
    if (!open) throw new ComplaintError('NOT_PAUSED', 'the solution clock is not paused');
    await this.complaints.endPause(em, open.id, rec.now, actorId);
    open.resumedAt = rec.now;
    const deadlines = await this.sla.deadlinesFor({ ...this.slaFacts(c), pauses }, em);
    c.resolutionDueAt = deadlines.resolutionDueAt;
    // A new deadline deserves its own warning (a breach before the pause stands).
    if (!c.resolutionBreachedAt) c.resolutionWarnedAt = null;
    rec.note('sla-resumed', {
      reason: open.reason,
      pausedMs: rec.now.getTime() - open.pausedAt.getTime(),
      resolutionDueAt: c.resolutionDueAt?.toISOString(),
    });
  }

  /** Why the deadlines are what they are: targets, calendar, pauses, met or breached. */
  async explainClock(c: ComplaintEntity): Promise<SlaExplanation> {
    return this.sla.explain(c, await this.complaints.pauses(c.id), this.clock.now());
  }

  private async endOpenPause(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    actorId: string,
  ): Promise<void> {
    const open = (await this.complaints.pauses(c.id, em)).find((p) => p.resumedAt === null);
    if (!open) return;
    await this.complaints.endPause(em, open.id, rec.now, actorId);
    rec.note('sla-pause-ended', { reason: open.reason, why: `complaint left the open statuses` });
  }

  /**
   * One level up the lead's chain, alerting whom that level names (past the end of the chain: its
   * last step's addressee).
   */
  escalate(
    c: ComplaintEntity,
    rec: ChangeRecorder,
    reason: EscalationReason,
    why: string,
    chain: readonly { level: number; to: string }[],
  ): void {
    c.escalationLevel += 1;
    const to = chain.find((s) => s.level === c.escalationLevel)?.to ?? chain.at(-1)?.to ?? 'management';
    rec.note('escalated', { level: c.escalationLevel, to, why });
    rec.escalated(c.escalationLevel, to, reason);
  }

  slaFacts(c: ComplaintEntity) {
    return {
      receivedAt: c.receivedAt,
      resolutionClockStartedAt: c.resolutionClockStartedAt,
      priority: c.priority,
      channel: c.channel,
      tier: c.customerTier,
      storeId: c.storeId,
      // The hours promised at intake stay, even if a lead edits the rules while the complaint is open.
      promised: { firstResponseHours: c.firstResponseHours, resolutionHours: c.resolutionHours },
    };
  }

  /**
   * The return visit (evt.surveys.response.submitted.v1 about this complaint): records the answer; a
   * satisfied customer closes a resolved case, a dissatisfied one reopens it and escalates a level.
   */
  async recordSatisfaction(em: EntityManager, data: ResponseSubmittedV1): Promise<void> {
    const id = data.subject.id;
    if (data.subject.type !== 'complaint' || !id) return;
    if (!(await this.complaints.findById(id, em))) return; // about a complaint this service does not know: nothing to do
    await this.changes.applyIn(em, id, 'survey', async (c, rec) => {
      c.satisfaction = data.satisfied ? 'satisfied' : 'dissatisfied';
      c.satisfactionAt = new Date(data.submittedAt);
      rec.note('satisfaction-recorded', {
        responseId: data.responseId,
        satisfied: data.satisfied,
        csat: data.csat,
        nps: data.nps,
      });
      if (data.satisfied) {
        if (c.status === 'resolved')
          await this.transition(em, c, rec, 'closed', {
            actorId: 'survey',
            reason: 'customer confirmed the solution',
          });
      } else if (c.status === 'resolved' || c.status === 'closed') {
        await this.transition(em, c, rec, 'reopened', {
          actorId: 'survey',
          reason: 'customer not satisfied with the solution',
        });
        this.escalate(
          c,
          rec,
          'dissatisfied',
          'dissatisfied return visit',
          (await this.policies.policy(em)).escalationChain,
        );
      }
    });
  }

  /** evt.crm.customer.erased.v1: scrub what we copied; the anonymous case facts stay for the statistics. */
  async eraseCustomer(em: EntityManager, customerId: string, requestedBy: string): Promise<void> {
    const ids = await this.complaints.idsOfCustomer(em, customerId);
    await this.complaints.scrubPersonalData(em, customerId);
    await this.customers.forget(em, customerId);
    const now = this.clock.now();
    await this.complaints.addHistory(
      em,
      ...ids.map((complaintId) => ({
        complaintId,
        at: now,
        actorId: requestedBy,
        action: 'personal-data-erased',
      })),
    );
    for (const complaintId of ids)
      await this.audit.record(
        {
          actor: { sub: requestedBy, roles: ['system'] },
          action: 'erase',
          subjectType: 'complaint',
          subjectId: complaintId,
          fields: ['complainantName', 'complainantPhone', 'complainantEmail'],
          purpose: 'customer erasure',
        },
        em,
      );
  }
}
