import {
  ComplaintStatus,
  ContactChannel,
  CustomerMergedV1,
  EscalationReason,
  EscalationReasonV2,
  ResponseSubmittedV1,
  uuidv7,
} from '@cx/contracts';
import {
  AuditLog,
  Clock,
  DAY_MS,
  decodeCursor,
  encodeCursor,
  IdempotencyKeyReusedError,
  IdempotencyKeys,
  IdempotentResult,
  MINUTE_MS,
  Page,
  PiiCipher,
  Principal,
  RequestValidationError,
  Transactions,
} from '@cx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CustomerRepository } from '../customer/customer.repository';
import { ComplaintPolicyEntity, EscalationStep, PlanTemplateStep } from '../policy/policy.entity';
import { usableEscalationChain } from '../policy/policy.rules';
import { PolicyService } from '../policy/policy.service';
import { CLOCK_CAUSE, explainPromised, promisedDeadlines } from '../sla/complaint-clocks';
import { SlaExplanation } from '../sla/sla-clock';
import { departmentQueue } from '../queue/queues';
import { SlaService } from '../sla/sla.service';
import { ChangeRecorder, ComplaintChanges } from './complaint.changes';
import {
  ComplaintEntity,
  CustomerReplyEntity,
  PauseReason,
  PlanStepEntity,
  SlaPauseEntity,
} from './complaint.entity';
import { ComplaintError } from './complaint.errors';
import { complaintEscalated, complaintResolved } from './complaint.events';
import { ComplaintIntake } from './complaint.intake';
import { ComplaintRepository } from './complaint.repository';
import {
  ComplaintDetailView,
  ComplaintView,
  CustomerReplyView,
  ReplyRecordedView,
  toDetail,
  toReplyRecordedView,
  toReplyView,
  toView,
} from './complaint.view';
import { CreateComplaintDto } from './dto/create-complaint.dto';
import { ChangeStatusDto } from './dto/actions.dto';
import { ListComplaintsQuery } from './dto/list-complaints.query';
import { emergencyPlan, majorWhy, managementStep } from './major';
import { triage } from './priority';
import { canTransition, clockOnTransition, isFirstResponse, pauseRefusal, resumeRefusal } from './status';

/** The root cause a resolution records, and the department answerable for it. */
export interface RootCause {
  causeCode: string;
  responsibleDepartment: string | null;
}

/** Complaint boxes are emptied late and letters arrive late, but not from the future. */
const CLOCK_SKEW_MS = 5 * MINUTE_MS;
const OLDEST_RECEIPT_MS = 90 * DAY_MS;

const isPosition = (p: Record<string, unknown>): p is { receivedAt: string; id: string } =>
  typeof p.receivedAt === 'string' && typeof p.id === 'string';

/** Intake, triage, the status life cycle, reads, and the customer's follow-up. */
@Injectable()
export class ComplaintService {
  private readonly log = new Logger('ComplaintService');

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
    private readonly tx: Transactions,
    private readonly keys: IdempotencyKeys,
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
      ? (dto.takenBy ?? departmentQueue(category.department ?? 'customer-service'))
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
    const sla = await this.sla.scheduleFor({
      receivedAt,
      priority: t.priority,
      channel: dto.channel,
      tier,
      storeId: dto.storeId ?? null,
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
      firstResponseDueAt: sla.firstResponseDueAt,
      resolutionDueAt: sla.resolutionDueAt,
      resolutionClockStartedAt: receivedAt,
      firstResponseHours: sla.promise.firstResponseHours,
      resolutionHours: sla.promise.resolutionHours,
      slaCalendar: sla.promise.calendar,
      slaRuleId: sla.promise.ruleId,
      firstRespondedAt: null,
      resolvedAt: null,
      resolvedOwnerId: null,
      closedAt: null,
      resolutionSummary: null,
      firstResponseWarnedAt: null,
      firstResponseBreachedAt: null,
      resolutionWarnedAt: null,
      resolutionBreachedAt: null,
      escalationLevel: 0,
      escalationLevels: {},
      isRepeat: false, // decided when it is stored
      repeatOf: null,
      mergedInto: null,
      incidentId: null,
      causeCode: null,
      responsibleDepartment: null,
      reopenCount: 0,
      satisfaction: null,
      satisfactionAt: null,
      version: 1,
      updatedAt: now,
    } satisfies ComplaintEntity);
    const outcome = await this.intake.store({
      complaint: c,
      triage: t.reasons,
      major: (rec) =>
        this.escalateMajor(c, rec, {
          policy,
          categoryMajor: category.major,
          template: category.planTemplate,
          planFrom: receivedAt,
        }),
      repeatSince: new Date(receivedAt.getTime() - policy.repeatWindowDays * DAY_MS),
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
    const cause = await this.rootCause(dto.status, dto);
    const policy = await this.policies.policy();
    const c = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
      await this.transition(em, c, rec, dto.status, {
        message: dto.message,
        summary: dto.summary,
        reason: dto.reason,
        actorId: actor.sub,
        cause,
      });
      return c;
    });
    return toView(c, policy.vipTiers);
  }

  /**
   * The root cause a resolution records (seed 000 "improvement"): an active code of the lead's cause
   * taxonomy and the department answerable for it; given only with `resolved`. Read before the
   * transaction that resolves.
   */
  async rootCause(
    status: ComplaintStatus,
    o: { causeCode?: string; responsibleDepartment?: string },
  ): Promise<RootCause | undefined> {
    for (const field of ['causeCode', 'responsibleDepartment'] as const)
      if (o[field] !== undefined && status !== 'resolved')
        throw RequestValidationError.field(field, `${field} is recorded when resolving, not with ${status}`);
    if (o.causeCode === undefined) {
      if (o.responsibleDepartment !== undefined)
        throw RequestValidationError.field('causeCode', 'give the cause with the responsible department');
      return undefined;
    }
    if (!(await this.policies.activeCauseCode(o.causeCode)))
      throw new ComplaintError(
        'UNKNOWN_CAUSE_CODE',
        `cause code ${o.causeCode} is not an active code of the cause taxonomy`,
        { field: 'causeCode' },
      );
    return { causeCode: o.causeCode, responsibleDepartment: o.responsibleDepartment ?? null };
  }

  /**
   * The single place a status changes: checks the machine, runs the clocks (first response, the
   * solution clock's pause while waiting for the customer, a fresh solution clock on reopening),
   * records and tells. `as` names the change in the case file and to the customer when it is more
   * than a status change (a merge, an auto-close).
   */
  async transition(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    to: ComplaintStatus,
    o: {
      message?: string;
      summary?: string;
      reason?: string;
      actorId: string;
      as?: { action: string; details: Record<string, unknown>; change: string };
      /** With resolved: the root cause recorded (rootCause). */
      cause?: RootCause;
    },
  ): Promise<void> {
    const from = c.status;
    if (!canTransition(from, to))
      throw new ComplaintError('ILLEGAL_TRANSITION', `a ${from} complaint cannot become ${to}`, { from, to });
    const now = rec.now;
    if (isFirstResponse(from, to) && !c.firstRespondedAt) c.firstRespondedAt = now;
    const { pauses, open } = await this.pausesOf(em, c, rec);
    switch (clockOnTransition(from, to, open?.reason ?? null)) {
      case 'pause':
        await this.startPause(em, c, rec, 'waiting-for-customer', o.actorId);
        break;
      case 'take-over':
        await this.endPause(em, rec, open!, o.actorId, 'the customer is asked now');
        await this.startPause(em, c, rec, 'waiting-for-customer', o.actorId);
        break;
      case 'resume':
        await this.resumeClock(em, c, rec, pauses, open!, o.actorId);
        break;
      case 'end':
        await this.endPause(em, rec, open!, o.actorId, 'complaint left the open statuses');
        break;
      case 'none':
        break;
    }
    c.status = to;
    switch (to) {
      case 'resolved':
        c.resolvedAt = now;
        c.resolvedOwnerId = c.ownerId;
        c.resolutionSummary = o.summary ?? null;
        if (o.cause) {
          c.causeCode = o.cause.causeCode;
          c.responsibleDepartment = o.cause.responsibleDepartment;
        }
        rec.emit(complaintResolved(c, now, o.summary ?? ''));
        break;
      case 'closed':
        c.closedAt = now;
        break;
      case 'reopened': {
        c.reopenCount += 1;
        c.resolvedAt = null;
        c.closedAt = null;
        // A fresh solution clock: a reopened complaint must not breach at once because of its age. It is
        // a new round for the solution clock's escalation too: its first breach reaches level 1 again.
        c.resolutionClockStartedAt = now;
        c.resolutionWarnedAt = null;
        c.resolutionBreachedAt = null;
        c.resolutionDueAt = promisedDeadlines(c, []).resolutionDueAt;
        const { [CLOCK_CAUSE.resolution]: _lastRound, ...levels } = c.escalationLevels;
        c.escalationLevels = levels;
        const policy = await this.policies.policy(em);
        if (c.reopenCount > policy.reopenEscalationThreshold)
          this.escalate(c, rec, 'reopened-too-often', `reopened ${c.reopenCount} times`, policy);
        break;
      }
      case 'received':
      case 'acknowledged':
      case 'in-progress':
      case 'waiting-for-customer':
      case 'withdrawn':
        break;
    }
    if (o.as) rec.note(o.as.action, { ...o.as.details, ...o.cause }, from, to);
    else
      rec.note(
        'status-changed',
        { reason: o.reason, summary: o.summary, message: o.message, ...o.cause },
        from,
        to,
      );
    rec.tellCustomer(o.as?.change ?? to, o.message ?? o.summary);
  }

  /** POST /:id/sla/pause: stops the solution clock for parts or a joint-team decision; the status stays. */
  async pause(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    reason: PauseReason,
    actorId: string,
  ): Promise<void> {
    const { open } = await this.pausesOf(em, c, rec);
    switch (pauseRefusal(c.status, open?.reason ?? null)) {
      case 'ILLEGAL_TRANSITION':
        throw new ComplaintError('ILLEGAL_TRANSITION', `a ${c.status} complaint has no running clock`);
      case 'ALREADY_PAUSED':
        throw new ComplaintError('ALREADY_PAUSED', `the solution clock is already paused (${open!.reason})`);
      case null:
        await this.startPause(em, c, rec, reason, actorId);
    }
  }

  /**
   * POST /:id/sla/resume: restarts the solution clock. Not while waiting for the customer: that pause
   * belongs to the status, and ends when the complaint leaves it.
   */
  async resume(em: EntityManager, c: ComplaintEntity, rec: ChangeRecorder, actorId: string): Promise<void> {
    const { pauses, open } = await this.pausesOf(em, c, rec);
    switch (resumeRefusal(c.status, open?.reason ?? null)) {
      case 'WAITING_FOR_CUSTOMER':
        throw new ComplaintError(
          'WAITING_FOR_CUSTOMER',
          'the clock is paused while the complaint waits for the customer: it runs again when the status changes',
          { status: c.status },
        );
      case 'NOT_PAUSED':
        throw new ComplaintError('NOT_PAUSED', 'the solution clock is not paused');
      case null:
        await this.resumeClock(em, c, rec, pauses, open!, actorId);
    }
  }

  /** The complaint's pauses (those read with its lock, when the change has them) and the open one. */
  private async pausesOf(em: EntityManager, c: ComplaintEntity, rec: ChangeRecorder) {
    const pauses = rec.takePauses() ?? (await this.complaints.pauses(c.id, em));
    return { pauses, open: pauses.find((p) => p.resumedAt === null) ?? null };
  }

  /** Why the deadlines are what they are: targets, calendar, pauses, met or breached. */
  async explainClock(c: ComplaintEntity): Promise<SlaExplanation> {
    return explainPromised(c, await this.complaints.pauses(c.id), this.clock.now());
  }

  /** Stops the solution clock (the due time is unknown until it resumes); the reason is kept. */
  private async startPause(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    reason: PauseReason,
    actorId: string,
  ): Promise<void> {
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

  /** Ends the open pause without restarting the clock (another pause takes over, or the case stops). */
  private async endPause(
    em: EntityManager,
    rec: ChangeRecorder,
    open: SlaPauseEntity,
    actorId: string,
    why: string,
  ): Promise<void> {
    await this.complaints.endPause(em, open.id, rec.now, actorId);
    open.resumedAt = rec.now;
    rec.note('sla-pause-ended', { reason: open.reason, why });
  }

  /**
   * Restarts the solution clock: the due time moves by the (working) time it stood still, in the SLA
   * promised at intake (not today's rules or calendars).
   */
  private async resumeClock(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    pauses: SlaPauseEntity[],
    open: SlaPauseEntity,
    actorId: string,
  ): Promise<void> {
    await this.complaints.endPause(em, open.id, rec.now, actorId);
    open.resumedAt = rec.now;
    c.resolutionDueAt = promisedDeadlines(c, pauses).resolutionDueAt;
    // A new deadline deserves its own warning (a breach before the pause stands).
    if (!c.resolutionBreachedAt) c.resolutionWarnedAt = null;
    rec.note('sla-resumed', {
      reason: open.reason,
      pausedMs: rec.now.getTime() - open.pausedAt.getTime(),
      resolutionDueAt: c.resolutionDueAt?.toISOString(),
    });
  }

  /**
   * Levels of the escalation chain reached by one cause: each step raises that cause's level, alerts
   * whom the step names, and goes into the case file (with `details`: the clock, or why). Used by the
   * sweeper for missed clocks and by escalate() for the other causes.
   */
  raiseLevels(
    c: ComplaintEntity,
    rec: ChangeRecorder,
    cause: EscalationReasonV2,
    steps: readonly { level: number; to: string }[],
    details: Record<string, unknown>,
  ): void {
    const why = typeof details.why === 'string' ? details.why : undefined;
    for (const step of steps) {
      rec.note('escalated', { level: step.level, to: step.to, ...details });
      for (const e of complaintEscalated(c, rec.now, step, cause, why)) rec.emit(e);
    }
    const top = Math.max(0, ...steps.map((s) => s.level));
    c.escalationLevels = { ...c.escalationLevels, [cause]: Math.max(c.escalationLevels[cause] ?? 0, top) };
    c.escalationLevel = Math.max(c.escalationLevel, top);
  }

  /**
   * One level up the chain for a cause that is not a clock (reopened too often, a dissatisfied answer),
   * counted for that cause alone; past the end of the chain, its last step again.
   */
  escalate(
    c: ComplaintEntity,
    rec: ChangeRecorder,
    cause: Exclude<EscalationReason, (typeof CLOCK_CAUSE)[keyof typeof CLOCK_CAUSE]>,
    why: string,
    policy: ComplaintPolicyEntity,
  ): void {
    const chain = this.chainOf(policy);
    const next = (c.escalationLevels[cause] ?? 0) + 1;
    const step = chain.find((s) => s.level === next) ?? chain[chain.length - 1];
    this.raiseLevels(c, rec, cause, [step], { why });
  }

  /**
   * A major complaint goes to management at once, not when a clock runs out (seeds 003 §1.3, 004 ch. 5),
   * once in its life (at intake, or when it becomes major), and its emergency plan starts from the
   * category's template, each step due its hours after `planFrom`. Returns the plan's steps to store.
   */
  escalateMajor(
    c: ComplaintEntity,
    rec: ChangeRecorder,
    o: {
      policy: ComplaintPolicyEntity;
      categoryMajor: boolean;
      template: readonly PlanTemplateStep[];
      planFrom: Date;
    },
  ): PlanStepEntity[] {
    if (!c.isMajor || (c.escalationLevels['major-complaint'] ?? 0) > 0) return [];
    const why = majorWhy({ ...c, categoryMajor: o.categoryMajor });
    const step = managementStep(this.chainOf(o.policy));
    if (step) this.raiseLevels(c, rec, 'major-complaint', [step], { why });
    else this.log.error(`major complaint ${c.reference} not escalated: the escalation chain has no step`);
    const steps = emergencyPlan(o.template, o.planFrom, c.ownerId).map((p): PlanStepEntity => ({
      ...p,
      id: uuidv7(),
      complaintId: c.id,
      doneAt: null,
      outcome: null,
    }));
    if (steps.length)
      rec.note('emergency-plan-started', {
        category: c.category,
        steps: steps.map((p) => ({
          stepId: p.id,
          title: p.title,
          ownerId: p.ownerId,
          dueAt: p.dueAt.toISOString(),
        })),
      });
    return steps;
  }

  /** The policy's chain as it can be used: a stored chain that names nobody is logged, never silent. */
  chainOf(policy: ComplaintPolicyEntity): EscalationStep[] {
    const { chain, problems } = usableEscalationChain(policy.escalationChain);
    if (problems.length)
      this.log.error(`the stored escalation chain is unusable in part: ${problems.join('; ')}`);
    return chain;
  }

  /**
   * The return visit (evt.surveys.response.submitted.v1 about this complaint): records the answer; a
   * satisfied customer closes a resolved case, a dissatisfied one reopens it and escalates a level.
   */
  async recordSatisfaction(em: EntityManager, data: ResponseSubmittedV1): Promise<void> {
    const id = data.subject.id;
    if (data.subject.type !== 'complaint' || !id) return;
    if (!(await this.complaints.findById(id, em))) return; // about a complaint this service does not know: nothing to do
    await this.changes.applyIn(em, id, 'survey', (c, rec) =>
      this.applySatisfaction(em, c, rec, 'survey', {
        responseId: data.responseId,
        satisfied: data.satisfied,
        csat: data.csat,
        nps: data.nps,
        at: new Date(data.submittedAt),
      }),
    );
  }

  /**
   * A return visit by phone, recorded by the agent who made it: the same path as a survey answer
   * (satisfied closes a resolved case, dissatisfied reopens it and escalates). Only once the complaint
   * was handled (resolved or closed).
   */
  async recordReturnVisit(
    id: string,
    answer: { satisfied: boolean; csat?: number; note?: string },
    actor: Principal,
  ): Promise<ComplaintView> {
    const policy = await this.policies.policy();
    const c = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
      if (c.status !== 'resolved' && c.status !== 'closed')
        throw new ComplaintError(
          'NOT_HANDLED_YET',
          `a ${c.status} complaint has had no solution to ask about`,
          {
            status: c.status,
          },
        );
      await this.applySatisfaction(em, c, rec, actor.sub, {
        responseId: uuidv7(),
        satisfied: answer.satisfied,
        csat: answer.csat,
        at: rec.now,
        via: 'phone-return-visit',
        note: answer.note,
      });
      return c;
    });
    return toView(c, policy.vipTiers);
  }

  private async applySatisfaction(
    em: EntityManager,
    c: ComplaintEntity,
    rec: ChangeRecorder,
    actorId: string,
    a: {
      responseId: string;
      satisfied: boolean;
      csat?: number;
      nps?: number;
      at: Date;
      via?: 'phone-return-visit';
      note?: string;
    },
  ): Promise<void> {
    c.satisfaction = a.satisfied ? 'satisfied' : 'dissatisfied';
    c.satisfactionAt = a.at;
    rec.note('satisfaction-recorded', {
      responseId: a.responseId,
      satisfied: a.satisfied,
      csat: a.csat,
      nps: a.nps,
      ...(a.via ? { via: a.via, note: a.note } : {}),
    });
    if (a.satisfied) {
      if (c.status === 'resolved')
        await this.transition(em, c, rec, 'closed', { actorId, reason: 'customer confirmed the solution' });
    } else if (c.status === 'resolved' || c.status === 'closed') {
      await this.transition(em, c, rec, 'reopened', {
        actorId,
        reason: 'customer not satisfied with the solution',
      });
      this.escalate(c, rec, 'dissatisfied', 'dissatisfied return visit', await this.policies.policy(em));
    }
  }

  /**
   * A customer's reply to a complaint, from a channel adapter (by the reference the customer was told),
   * threaded into the case file; its text is personal data (encrypted, read with an audit entry). A
   * reply while the complaint waits for the customer sets it in progress again (the clock runs); a reply
   * to a complaint the sweeper auto-closed reopens it, as the auto-close message promises.
   */
  async recordReply(
    dto: {
      reference: string;
      channel: ContactChannel;
      body: string;
      receivedAt?: string;
      messageRef?: string;
    },
    actor: Principal,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentResult<ReplyRecordedView>> {
    const found = await this.complaints.findByReference(dto.reference);
    if (!found)
      throw new ComplaintError('UNKNOWN_REFERENCE', `no complaint has the reference ${dto.reference}`, {
        field: 'reference',
      });
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw RequestValidationError.field('receivedAt', 'receivedAt cannot be in the future');
    return this.tx.run((em) =>
      this.keys.run(
        em,
        idempotencyKey ? { caller: actor.sub, key: idempotencyKey, body: dto } : undefined,
        () =>
          this.changes.applyIn(em, found.id, actor.sub, async (c, rec) => {
            const reply: CustomerReplyEntity = {
              id: uuidv7(),
              complaintId: c.id,
              channel: dto.channel,
              body: dto.body,
              messageRef: dto.messageRef ?? null,
              receivedAt,
              recordedAt: rec.now,
              recordedBy: actor.sub,
            };
            await this.complaints.addReply(em, reply);
            rec.note('customer-replied', {
              replyId: reply.id,
              channel: reply.channel,
              messageRef: reply.messageRef,
            });
            if (c.status === 'waiting-for-customer')
              await this.transition(em, c, rec, 'in-progress', {
                actorId: actor.sub,
                reason: 'the customer replied',
              });
            else if (c.status === 'closed' && (await this.complaints.lastClosing(em, c.id)) === 'auto-closed')
              await this.transition(em, c, rec, 'reopened', {
                actorId: actor.sub,
                reason: 'the customer replied to the auto-close message',
              });
            return { status: 201, body: toReplyRecordedView(reply, c), resourceId: reply.id };
          }),
      ),
    );
  }

  /** A complaint's customer replies, oldest first; the read of their text is audit-logged. */
  async replies(id: string, actor: Principal): Promise<CustomerReplyView[]> {
    const c = await this.complaints.findById(id);
    if (!c) throw ComplaintError.notFound(id);
    const replies = await this.complaints.replies(id);
    if (replies.length)
      await this.audit.record({
        actor,
        action: 'read',
        subjectType: 'complaint',
        subjectId: id,
        fields: ['customerReplies'],
        purpose: 'complaint-handling',
      });
    return replies.map((r) => toReplyView(r, c));
  }

  /**
   * evt.crm.customer.merged.v1: the merged record's complaints, orders and tier copy follow the survivor,
   * so repeat detection and the lists see one customer. Each moved complaint's history names both ids.
   */
  async mergeCustomer(em: EntityManager, data: CustomerMergedV1): Promise<void> {
    const ids = await this.complaints.repointCustomer(em, data.mergedId, data.survivorId);
    await this.customers.mergeInto(em, data.mergedId, data.survivorId);
    const now = this.clock.now();
    await this.complaints.addHistory(
      em,
      ...ids.map((complaintId) => ({
        complaintId,
        at: now,
        actorId: 'crm',
        action: 'customer-merged',
        details: { mergedId: data.mergedId, survivorId: data.survivorId, mergedAt: data.mergedAt },
      })),
    );
  }

  /** evt.crm.customer.erased.v1: scrub what we copied; the anonymous case facts stay for the statistics. */
  async eraseCustomer(em: EntityManager, customerId: string, requestedBy: string): Promise<void> {
    const ids = await this.complaints.idsOfCustomer(em, customerId);
    await this.complaints.scrubPersonalData(em, customerId);
    await this.complaints.scrubReplies(em, ids);
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
