import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  decodeCursor,
  EventPublisher,
  Page,
  Principal,
  RequestValidationError,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ComplaintChanges } from '../complaint/complaint.changes';
import { ComplaintError } from '../complaint/complaint.errors';
import { ComplaintRepository } from '../complaint/complaint.repository';
import {
  AddCorrectiveActionDto,
  CompleteCorrectiveActionDto,
  ListCorrectiveActionsQuery,
  VerifyCorrectiveActionDto,
} from './dto/corrective-action.dto';
import { CorrectiveActionEntity } from './corrective-action.entity';
import {
  correctiveActionCreated,
  correctiveActionOverdue,
  correctiveActionVerified,
} from './corrective-action.events';
import { CorrectiveActionError } from './corrective-action.errors';
import { ActionPosition, CorrectiveActionRepository } from './corrective-action.repository';
import { CorrectiveActionStep, nextStatus } from './corrective-action.rules';
import { CorrectiveActionView, toCorrectiveActionView } from './corrective-action.view';

const isPosition = (p: Record<string, unknown>): p is ActionPosition =>
  typeof p.dueAt === 'string' && typeof p.id === 'string';

/**
 * Corrective actions (seed 003 ch. 6, PDCA): what is done about a complaint's root cause, with an owner,
 * a due time and how its effect will be verified; tracked until a lead has verified that it worked.
 * Every change goes into the complaint's case file, in the transaction that locks the complaint first
 * and the action second.
 */
@Injectable()
export class CorrectiveActionService {
  constructor(
    private readonly actions: CorrectiveActionRepository,
    private readonly changes: ComplaintChanges,
    private readonly complaints: ComplaintRepository,
    private readonly clock: Clock,
    private readonly tx: Transactions,
    private readonly events: EventPublisher,
  ) {}

  /**
   * One evt.complaints.corrective-action.overdue.v1 per open action past its due time (once per due
   * time: a new due time after a failed verification can go overdue again); up to `limit` actions,
   * in one transaction. Answers the actions announced.
   */
  async overdueOnce(now: Date = this.clock.now(), limit = 200): Promise<CorrectiveActionView[]> {
    const overdue = await this.tx.run(async (em) => {
      const found = await this.actions.claimNewlyOverdue(em, now, limit);
      if (!found.length) return found;
      await this.actions.markOverdueNotified(
        em,
        found.map((a) => a.id),
      );
      for (const a of found) await this.events.publish(em, correctiveActionOverdue(a, now));
      return found;
    });
    return overdue.map((a) => toCorrectiveActionView(a, now));
  }

  async add(
    complaintId: string,
    dto: AddCorrectiveActionDto,
    actor: Principal,
  ): Promise<CorrectiveActionView> {
    const dueAt = this.futureDue(dto.dueAt);
    const action = await this.changes.apply(complaintId, actor.sub, async (c, rec, em) => {
      const action: CorrectiveActionEntity = {
        id: uuidv7(),
        complaintId,
        causeCode: c.causeCode,
        department: dto.department ?? c.responsibleDepartment ?? c.department,
        title: dto.title,
        ownerId: dto.ownerId,
        dueAt,
        verification: dto.verification,
        status: 'open',
        createdAt: rec.now,
        createdBy: actor.sub,
        doneAt: null,
        doneBy: null,
        outcome: null,
        verifiedAt: null,
        verifiedBy: null,
        verificationNote: null,
        overdueNotifiedFor: null,
      };
      await this.actions.insert(em, action);
      rec.emit(correctiveActionCreated(action));
      rec.note('corrective-action-added', {
        actionId: action.id,
        title: action.title,
        ownerId: action.ownerId,
        dueAt: dueAt.toISOString(),
        causeCode: action.causeCode,
        department: action.department,
      });
      return action;
    });
    return toCorrectiveActionView(action, this.clock.now());
  }

  async ofComplaint(complaintId: string): Promise<CorrectiveActionView[]> {
    if (!(await this.complaints.findById(complaintId))) throw ComplaintError.notFound(complaintId);
    const now = this.clock.now();
    return (await this.actions.ofComplaint(complaintId)).map((a) => toCorrectiveActionView(a, now));
  }

  complete(id: string, dto: CompleteCorrectiveActionDto, actor: Principal): Promise<CorrectiveActionView> {
    return this.step(id, 'complete', actor, (a, now) => {
      a.doneAt = now;
      a.doneBy = actor.sub;
      a.outcome = dto.outcome;
      return { outcome: dto.outcome };
    });
  }

  /** A lead checks the effect: it worked (verified, closed) or not (open again, with a new due time). */
  verify(id: string, dto: VerifyCorrectiveActionDto, actor: Principal): Promise<CorrectiveActionView> {
    if (!dto.effective && !dto.dueAt)
      throw RequestValidationError.field('dueAt', 'give a new due time for an action that did not work');
    const newDue = !dto.effective && dto.dueAt ? this.futureDue(dto.dueAt) : null;
    return this.step(id, dto.effective ? 'verified-effective' : 'verified-not-effective', actor, (a, now) => {
      a.verifiedAt = now;
      a.verifiedBy = actor.sub;
      a.verificationNote = dto.note;
      if (newDue) {
        a.dueAt = newDue;
        a.doneAt = null;
        a.doneBy = null;
      }
      return { effective: dto.effective, note: dto.note, ...(newDue ? { dueAt: newDue.toISOString() } : {}) };
    });
  }

  /** Every action of the service, soonest due first; `overdue=true` lists the open ones past due. */
  async list(query: ListCorrectiveActionsQuery): Promise<Page<CorrectiveActionView>> {
    const now = this.clock.now();
    const rows = await this.actions.list({
      ...query,
      now,
      after: decodeCursor(query.cursor, isPosition),
      limit: query.limit + 1,
    });
    const page = toPage(rows, query.limit, (last) => ({ dueAt: last.dueAt.toISOString(), id: last.id }));
    return { items: page.items.map((a) => toCorrectiveActionView(a, now)), nextCursor: page.nextCursor };
  }

  private async step(
    id: string,
    step: CorrectiveActionStep,
    actor: Principal,
    apply: (a: CorrectiveActionEntity, now: Date) => Record<string, unknown>,
  ): Promise<CorrectiveActionView> {
    const found = await this.actions.findById(id);
    if (!found) throw CorrectiveActionError.notFound(id);
    const action = await this.changes.apply(found.complaintId, actor.sub, async (_c, rec, em) => {
      const a = await this.actions.lockById(em, id);
      if (!a) throw CorrectiveActionError.notFound(id);
      const to = nextStatus(a.status, step);
      if (!to)
        throw new CorrectiveActionError(
          'CORRECTIVE_ACTION_STATE',
          `a ${a.status} corrective action cannot be ${step}`,
          {
            status: a.status,
          },
        );
      const details = apply(a, rec.now);
      a.status = to;
      await this.actions.save(em, a);
      rec.note(`corrective-action-${step}`, { actionId: id, ...details });
      if (step !== 'complete')
        rec.emit(correctiveActionVerified(a, step === 'verified-effective', actor.sub, rec.now));
      return a;
    });
    return toCorrectiveActionView(action, this.clock.now());
  }

  private futureDue(iso: string): Date {
    const dueAt = new Date(iso);
    if (dueAt.getTime() <= this.clock.now().getTime())
      throw RequestValidationError.field('dueAt', 'dueAt must be in the future');
    return dueAt;
  }
}
