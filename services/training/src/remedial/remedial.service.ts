import { AuditCompletedV1, ComplaintResolvedV1 } from '@cx/contracts';
import { Clock, EventContext, Principal, RequestValidationError, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CourseRepository } from '../course/course.repository';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { ScorecardRepository } from '../scorecard/scorecard.repository';
import { RemedialPolicyDto } from './dto/remedial.dto';
import { RemedialCache } from './remedial.cache';
import { RemedialRepository } from './remedial.repository';
import {
  ANY_CODE,
  breachesCallForTraining,
  causeOf,
  RemedialKind,
  remedialDueAt,
  RemedialSettings,
  satisfactionCallsForTraining,
} from './remedial.rules';
import { RemedialPolicyView } from './remedial.view';

/**
 * Missed standards enrol the people concerned in the course the lead mapped to the cause, once per
 * cause, with evt.training.enrollment.created.v1; run in the handler's transaction of the event. Most
 * events find no course mapped to their cause (kept per replica) and touch nothing: only the others use
 * `ctx.em`, which on the write-only path makes the transport apply the batch in a transaction (ADR 0026).
 */
@Injectable()
export class RemedialService {
  constructor(
    private readonly tx: Transactions,
    private readonly remedial: RemedialRepository,
    private readonly enrollments: EnrollmentService,
    private readonly courses: CourseRepository,
    private readonly scorecards: ScorecardRepository,
    private readonly clock: Clock,
    private readonly cache: RemedialCache,
  ) {}

  /** The course the lead mapped to a cause (kept per replica until the mapping changes). */
  private async courseFor(kind: RemedialKind, code: string): Promise<string | null> {
    const rules = await this.cache.get(
      'rules',
      async () => new Map((await this.remedial.rules()).map((r) => [`${r.kind}:${r.code}`, r.courseId])),
    );
    return rules.get(`${kind}:${code}`) ?? null;
  }

  /** The thresholds (kept per replica until they change). */
  private settings(): Promise<RemedialSettings> {
    return this.cache.get('settings', () => this.remedial.settings());
  }

  /** Each failed audit item: the staff observed, in the course mapped to the item's touchpoint. */
  async afterAudit(ctx: EventContext, d: AuditCompletedV1): Promise<void> {
    for (const item of d.failedItems)
      await this.enrol(
        ctx,
        'audit-touchpoint',
        item.touchpoint,
        d.employeeIds,
        causeOf.auditItem(d.auditId, item.itemId),
      );
  }

  /** A complaint resolved with a root cause the lead tied to a course: the employee it was about. */
  async afterComplaintResolved(ctx: EventContext, d: ComplaintResolvedV1): Promise<void> {
    if (!d.causeCode || !d.employeeId) return;
    await this.enrol(
      ctx,
      'complaint-cause',
      d.causeCode,
      [d.employeeId],
      causeOf.complaint(d.complaintId, d.causeCode),
    );
  }

  /** Breaches of the month reaching the threshold. */
  async afterBreach(ctx: EventContext, employeeId: string | null, month: string): Promise<void> {
    if (!employeeId || !(await this.courseFor('sla-breaches', ANY_CODE))) return;
    const settings = await this.settings();
    if (breachesCallForTraining(await this.scorecards.breachesOf(ctx.em, employeeId, month), settings))
      await this.enrol(ctx, 'sla-breaches', ANY_CODE, [employeeId], causeOf.breaches(month));
  }

  /**
   * Satisfaction of the month below the threshold, once it has enough answers (judged after every
   * answer: a satisfied one may be the answer that makes enough).
   */
  async afterResponse(
    ctx: EventContext,
    employeeId: string | undefined,
    month: string | null,
  ): Promise<void> {
    // Most events find no mapping: the counts are not read.
    if (!employeeId || !month || !(await this.courseFor('low-satisfaction', ANY_CODE))) return;
    const settings = await this.settings();
    const s = await this.remedial.satisfactionOf(ctx.em, employeeId, month);
    if (satisfactionCallsForTraining(s.satisfied, s.responses, settings))
      await this.enrol(ctx, 'low-satisfaction', ANY_CODE, [employeeId], causeOf.satisfaction(month));
  }

  async policy(): Promise<RemedialPolicyView> {
    return { rules: await this.remedial.rules(), ...(await this.remedial.settings()) };
  }

  async setPolicy(dto: RemedialPolicyDto, actor: Principal): Promise<RemedialPolicyView> {
    const seen = new Set<string>();
    for (const [i, r] of dto.rules.entries()) {
      const key = `${r.kind}|${r.code}`;
      if (seen.has(key))
        throw RequestValidationError.field(`rules.${i}.code`, `${r.kind} ${r.code} is mapped twice`);
      seen.add(key);
      if ((r.kind === 'sla-breaches' || r.kind === 'low-satisfaction') && r.code !== ANY_CODE)
        throw RequestValidationError.field(
          `rules.${i}.code`,
          `${r.kind} has one course for all: code must be '${ANY_CODE}'`,
        );
    }
    const known = new Set(
      (await this.courses.findByIds([...new Set(dto.rules.map((r) => r.courseId))])).map((c) => c.id),
    );
    const missing = dto.rules.findIndex((r) => !known.has(r.courseId));
    if (missing >= 0) throw RequestValidationError.field(`rules.${missing}.courseId`, 'no such course');
    const { rules, ...settings } = dto;
    await this.tx.run((em) =>
      this.remedial.replace(
        em,
        rules.map((r) => ({ kind: r.kind, code: r.code, courseId: r.courseId })),
        settings,
        this.clock.now(),
        actor.sub,
      ),
    );
    this.cache.clear(); // this replica sees it at once, the others when notified
    return this.policy();
  }

  private async enrol(
    ctx: EventContext,
    kind: RemedialKind,
    code: string,
    employeeIds: string[],
    cause: string,
  ): Promise<void> {
    const courseId = await this.courseFor(kind, code);
    if (!courseId) return;
    const em = ctx.em;
    const now = this.clock.now();
    const dueAt = remedialDueAt(now, await this.settings());
    await this.enrollments.enrolActive(
      em,
      employeeIds,
      { courseId, reason: 'remedial', cause, dueAt },
      now,
      'remedial',
    );
  }
}
