import { uuidv7 } from '@cx/contracts';
import {
  addLocalDays,
  AuditLog,
  Clock,
  EventPublisher,
  FileStorage,
  PeriodQuery,
  Principal,
  RequestValidationError,
  resolvePeriod,
  startOfNextPeriod,
  startOfPeriod,
  StoredFileContent,
  Transactions,
  UploadedFilePart,
  writeTogether,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { TouchpointService } from '../touchpoint/touchpoint.service';
import { CreateAuditDto, CreateChecklistDto, PutAuditorDto, SubmitAuditDto } from './dto/audit.dto';
import {
  AuditEntity,
  AuditEvidenceEntity,
  AuditorEntity,
  ChecklistEntity,
  CorrectiveActionEntity,
} from './audit.entity';
import { AuditError } from './audit.errors';
import { auditCompleted } from './audit.events';
import { AuditRepository } from './audit.repository';
import { checklistProblems, mayAudit, passRate, scoreAudit } from './audit.rules';
import {
  AuditEvidenceView,
  AuditorView,
  AuditView,
  ChecklistView,
  CorrectiveActionView,
  StorePassRateView,
  toActionView,
  toAuditorView,
  toAuditView,
  toChecklistView,
  toEvidenceView,
} from './audit.view';

/** The FileStorage owner of an audit's evidence. */
export const auditEvidenceOwner = (auditId: string): string => `audit:${auditId}`;

/** Photos and documents of what the auditor saw (10 MB each). */
export const AUDIT_EVIDENCE_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
};

const PERIOD_RULES = {
  defaultTo: (now: Date, tz: string) => startOfNextPeriod(now, 'day', tz),
  defaultFrom: (to: Date, tz: string) => startOfPeriod(new Date(to.getTime() - 1), 'quarter', tz),
  latestTo: (from: Date, tz: string) => addLocalDays(from, 731, tz),
  tooLong: 'the period must not be longer than 731 days',
};

/** Mystery-shopper audits: checklists, planning and assignment, scoring, corrective actions, pass rates. */
@Injectable()
export class AuditService {
  constructor(
    private readonly tx: Transactions,
    private readonly audits: AuditRepository,
    private readonly touchpoints: TouchpointService,
    private readonly events: EventPublisher,
    private readonly files: FileStorage,
    private readonly clock: Clock,
    private readonly auditLog: AuditLog,
  ) {}

  async createChecklist(dto: CreateChecklistDto, who: Principal): Promise<ChecklistView> {
    const problems = checklistProblems(dto.sections);
    if (problems.length) throw new RequestValidationError(problems);
    const unknown = await this.touchpoints.unknownCodes(dto.sections.map((s) => s.touchpoint));
    if (unknown.length)
      throw new AuditError('TOUCHPOINT_UNKNOWN', `touchpoints not registered: ${unknown.join(', ')}`, {
        touchpoints: unknown,
      });
    const c = Object.assign(new ChecklistEntity(), {
      id: uuidv7(),
      code: dto.code,
      title: { ...dto.title },
      sections: dto.sections.map((s) => ({
        touchpoint: s.touchpoint,
        passingScorePct: s.passingScorePct,
        items: s.items.map((i) => ({
          key: i.key,
          text: { ...i.text },
          weight: i.weight,
          critical: i.critical,
        })),
      })),
      passThresholdPct: dto.passThresholdPct,
      createdAt: this.clock.now(),
      createdBy: who.sub,
    } satisfies ChecklistEntity);
    if (!(await this.audits.insertChecklist(c)))
      throw new AuditError('CHECKLIST_CODE_TAKEN', `a checklist with code ${dto.code} exists already`, {
        field: 'code',
      });
    return toChecklistView(c);
  }

  async checklist(id: string): Promise<ChecklistView> {
    return toChecklistView(await this.requireChecklist(id));
  }

  async putAuditor(id: string, dto: PutAuditorDto): Promise<AuditorView> {
    const a = Object.assign(new AuditorEntity(), {
      id,
      homeStoreId: dto.homeStoreId ?? null,
      updatedAt: this.clock.now(),
    });
    await this.audits.saveAuditor(a);
    return toAuditorView(a);
  }

  /** Plans a store's audit for a quarter, assigned to an auditor who does not work there. */
  async plan(dto: CreateAuditDto, who: Principal): Promise<AuditView> {
    await this.requireChecklist(dto.checklistId);
    const auditor = await this.audits.auditor(dto.auditorId);
    if (!mayAudit({ homeStoreId: auditor?.homeStoreId ?? null }, dto.storeId))
      throw new AuditError('AUDITOR_OWN_STORE', `auditor ${dto.auditorId} works in ${dto.storeId}`, {
        field: 'auditorId',
      });
    const a = Object.assign(new AuditEntity(), {
      id: uuidv7(),
      checklistId: dto.checklistId,
      storeId: dto.storeId,
      quarter: dto.quarter,
      auditorId: dto.auditorId,
      status: 'assigned',
      results: null,
      sectionScores: null,
      scorePct: null,
      passed: null,
      staffOnDuty: [],
      completedAt: null,
      createdAt: this.clock.now(),
      createdBy: who.sub,
    } satisfies AuditEntity);
    if (!(await this.audits.insertAudit(a)))
      throw new AuditError(
        'AUDIT_EXISTS',
        `${dto.storeId} has this checklist's audit for ${dto.quarter} already`,
      );
    return toAuditView(a, []);
  }

  async get(id: string, who: Principal): Promise<AuditView> {
    const a = await this.audits.audit(id);
    if (!a) throw new AuditError('AUDIT_NOT_FOUND', `audit ${id} does not exist`);
    this.checkAuditor(a, who);
    return toAuditView(a, await this.audits.actionsOf(id), await this.audits.evidenceOf(id));
  }

  /**
   * The assigned auditor's photo or document for an item (form field `item` before the file), stored
   * with the platform's FileStorage in the same transaction as its row; only before completion.
   */
  async addEvidence(id: string, upload: UploadedFilePart, who: Principal): Promise<AuditEvidenceView> {
    const itemKey = upload.fields.item;
    const known = await this.audits.audit(id);
    if (!known) throw new AuditError('AUDIT_NOT_FOUND', `audit ${id} does not exist`);
    this.checkAuditor(known, who, true);
    const checklist = await this.requireChecklist(known.checklistId);
    if (!itemKey || !checklist.sections.some((s) => s.items.some((i) => i.key === itemKey)))
      throw RequestValidationError.field('item', 'item must name a checklist item (sent before the file)');
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const a = await this.audits.lockAudit(em, id);
      if (!a) throw new AuditError('AUDIT_NOT_FOUND', `audit ${id} does not exist`);
      if (a.status === 'completed') throw new AuditError('AUDIT_COMPLETED', `audit ${id} is completed`);
      const file = await this.files.put(
        {
          owner: auditEvidenceOwner(id),
          contentType: upload.contentType,
          content: upload.content,
          filename: upload.filename,
          createdAt: now,
        },
        em,
      );
      const e = Object.assign(new AuditEvidenceEntity(), {
        id: uuidv7(),
        auditId: id,
        itemKey,
        fileId: file.id,
        contentType: file.contentType,
        size: file.size,
        createdAt: now,
        createdBy: who.sub,
      } satisfies AuditEvidenceEntity);
      await this.audits.insertEvidence(em, e);
      return toEvidenceView(e);
    });
  }

  /**
   * One evidence file with its stored content type, to the auditor who uploaded it, the quality lead
   * and admin; every read is in the audit log (a photo can show a person). Another auditor gets the
   * same 404 as for an id that does not exist: they learn nothing about others' audits.
   */
  async readEvidence(id: string, evidenceId: string, who: Principal): Promise<StoredFileContent> {
    const evidence = await this.audits.findEvidence(id, evidenceId);
    const mayRead = evidence !== null && (!isAuditorOnly(who) || evidence.createdBy === who.sub);
    const file = evidence && mayRead ? await this.files.get(evidence.fileId) : null;
    if (!evidence || !file)
      throw new AuditError('EVIDENCE_NOT_FOUND', `audit ${id} has no evidence ${evidenceId}`, {
        evidenceId,
      });
    await this.auditLog.record({
      actor: { sub: who.sub, roles: who.roles },
      action: 'read',
      subjectType: 'audit-evidence',
      subjectId: evidenceId,
      fields: ['file'],
      purpose: `audit ${id}`,
    });
    return file;
  }

  /**
   * The assigned auditor's results: scored against the checklist, every failed item with at least one
   * corrective action, and the completion event, in one transaction. The audit is locked and read with
   * its checklist in one statement; the results, the actions and the event go in one.
   */
  async submit(id: string, dto: SubmitAuditDto, who: Principal): Promise<AuditView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const found = await this.audits.lockToComplete(em, id);
      if (!found) throw new AuditError('AUDIT_NOT_FOUND', `audit ${id} does not exist`);
      const a = found.audit;
      this.checkAuditor(a, who, true);
      const scored = scoreAudit(
        found.sections,
        dto.items.map((i) => ({ key: i.key, passed: i.passed, ...(i.note && { note: i.note }) })),
        found.passThresholdPct,
      );
      if ('problems' in scored) throw new RequestValidationError(scored.problems);
      const missingActions = dto.items.flatMap((i, n) =>
        !i.passed && !(i.actions?.length ?? 0)
          ? [
              {
                field: `items[${n}].actions`,
                messages: ['a failed item needs at least one corrective action'],
              },
            ]
          : [],
      );
      if (missingActions.length) throw new RequestValidationError(missingActions);
      if (a.status === 'completed') throw new AuditError('AUDIT_COMPLETED', `audit ${id} is completed`);
      // Evidence is required on a failed item (read under the audit's lock: uploads wait for it).
      const evidence = await this.audits.evidenceOf(id, em);
      const withEvidence = new Set(evidence.map((e) => e.itemKey));
      const noEvidence = dto.items.flatMap((i, n) =>
        !i.passed && !withEvidence.has(i.key)
          ? [
              {
                field: `items[${n}].evidence`,
                messages: [`a failed item needs evidence: upload it first (item ${i.key})`],
              },
            ]
          : [],
      );
      if (noEvidence.length) throw new RequestValidationError(noEvidence);
      Object.assign(a, {
        status: 'completed',
        results: dto.items.map((i) => ({ key: i.key, passed: i.passed, ...(i.note && { note: i.note }) })),
        sectionScores: scored.score.sections,
        scorePct: scored.score.scorePct,
        passed: scored.score.passed,
        staffOnDuty: dto.staffOnDuty,
        completedAt: now,
      });
      const actions = dto.items.flatMap((i) =>
        (i.passed ? [] : (i.actions ?? [])).map((x) =>
          Object.assign(new CorrectiveActionEntity(), {
            id: uuidv7(),
            auditId: a.id,
            storeId: a.storeId,
            itemKey: i.key,
            kind: x.kind,
            description: x.description,
            ownerId: x.ownerId,
            dueAt: new Date(x.dueAt),
            status: 'open',
            closedAt: null,
            closedBy: null,
            createdAt: now,
          } satisfies CorrectiveActionEntity),
        ),
      );
      // The audit's results, its actions and the event as one statement (ADR 28).
      await writeTogether(em, async (w) => {
        await this.audits.complete(w, a);
        await this.audits.insertActions(w, actions);
        await this.events.publish(w, auditCompleted(a, scored.score));
      });
      return toAuditView(a, actions, evidence);
    });
  }

  async closeAction(id: string, who: Principal): Promise<CorrectiveActionView> {
    return this.tx.run(async (em) => {
      const a = await this.audits.lockAction(em, id);
      if (!a) throw new AuditError('ACTION_NOT_FOUND', `corrective action ${id} does not exist`);
      if (a.status === 'open')
        Object.assign(a, { status: 'closed', closedAt: this.clock.now(), closedBy: who.sub });
      await this.audits.saveAction(em, a);
      return toActionView(a);
    });
  }

  async openActions(overdue: boolean): Promise<CorrectiveActionView[]> {
    return (await this.audits.openActions(overdue ? this.clock.now() : undefined)).map(toActionView);
  }

  async passRates(q: PeriodQuery): Promise<StorePassRateView[]> {
    const { from, to } = resolvePeriod(q, this.clock.now(), PERIOD_RULES);
    return (await this.audits.passCounts(from, to)).map((r) => ({
      storeId: r.store_id,
      ...passRate(Number(r.audits), Number(r.passed)),
    }));
  }

  /** Auditors see and submit only audits assigned to them, never of the store in their token. */
  private checkAuditor(a: AuditEntity, who: Principal, submitting = false): void {
    const isAuditor = who.roles.includes('auditor');
    if (!isAuditor && !submitting) return;
    if (a.auditorId !== who.sub || who.storeId === a.storeId)
      throw new AuditError('AUDIT_NOT_YOURS', `audit ${a.id} is not assigned to you`);
  }

  private async requireChecklist(id: string): Promise<ChecklistEntity> {
    const c = await this.audits.checklist(id);
    if (!c) throw new AuditError('CHECKLIST_NOT_FOUND', `checklist ${id} does not exist`);
    return c;
  }
}

/** An auditor who is not also lead or admin: reads only what they uploaded themselves. */
const isAuditorOnly = (who: Principal): boolean =>
  who.roles.includes('auditor') && !who.roles.includes('lead') && !who.roles.includes('admin');
