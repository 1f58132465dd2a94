import { uuidv7 } from '@cx/contracts';
import { Clock, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ComplaintChanges } from '../complaint/complaint.changes';
import {
  ComplaintCommentEntity,
  ComplaintHistoryEntity,
  PlanStepEntity,
  TeamMemberEntity,
} from '../complaint/complaint.entity';
import { ComplaintError } from '../complaint/complaint.errors';
import { ComplaintRepository } from '../complaint/complaint.repository';
import { ComplaintService } from '../complaint/complaint.service';
import { ComplaintView, toView } from '../complaint/complaint.view';
import {
  AddPlanStepDto,
  AssignDto,
  CommentDto,
  PauseDto,
  SetTeamDto,
  TransferDto,
  UpdatePlanStepDto,
} from '../complaint/dto/actions.dto';
import { isOpen } from '../complaint/status';

const mayActFor = (actor: Principal, ownerId: string) =>
  actor.sub === ownerId ||
  actor.roles.includes('admin') ||
  actor.roles.includes('lead') ||
  ownerId.startsWith('queue:');

/**
 * Handling a complaint: first-contact ownership and transfers on record, departments, comments
 * (internal or customer-visible), clock pauses, the joint team and its plan, and merging duplicates.
 */
@Injectable()
export class HandlingService {
  constructor(
    private readonly changes: ComplaintChanges,
    private readonly complaints: ComplaintRepository,
    private readonly lifecycle: ComplaintService,
    private readonly clock: Clock,
  ) {}

  /** The owner keeps the complaint until a transfer is recorded with a reason (seed 003). */
  async transfer(id: string, dto: TransferDto, actor: Principal): Promise<ComplaintView> {
    const c = await this.changes.apply(id, actor.sub, (c, rec) => {
      if (!mayActFor(actor, c.ownerId))
        throw new ComplaintError(
          'NOT_THE_OWNER',
          `only the owner (${c.ownerId}), a lead or an admin can transfer this complaint`,
        );
      rec.note('transferred', { from: c.ownerId, to: dto.toOwnerId, reason: dto.reason });
      c.ownerId = dto.toOwnerId;
      return c;
    });
    return toView(c);
  }

  async assign(id: string, dto: AssignDto, actor: Principal): Promise<ComplaintView> {
    const c = await this.changes.apply(id, actor.sub, (c, rec) => {
      rec.note('assigned', { from: c.department, to: dto.department });
      c.department = dto.department;
      if (!c.departments.includes(dto.department)) c.departments = [...c.departments, dto.department];
      if (new Set(c.departments).size > 1 && !c.isMajor) {
        c.isMajor = true;
        rec.note('flagged-major', { why: 'more than one department involved' });
      }
      return c;
    });
    return toView(c);
  }

  /** A customer-visible comment is an update the customer is told about (and counts as a first response). */
  async comment(id: string, dto: CommentDto, actor: Principal): Promise<ComplaintCommentEntity> {
    return this.changes.apply(id, actor.sub, async (c, rec, em) => {
      const comment: ComplaintCommentEntity = {
        id: uuidv7(),
        complaintId: id,
        authorId: actor.sub,
        visibility: dto.visibility,
        body: dto.body,
        createdAt: rec.now,
      };
      await this.complaints.addComment(em, comment);
      rec.note('commented', { commentId: comment.id, visibility: dto.visibility });
      if (dto.visibility === 'customer') {
        if (!c.firstRespondedAt && c.status === 'received')
          await this.lifecycle.transition(em, c, rec, 'acknowledged', {
            actorId: actor.sub,
            message: dto.body,
          });
        else rec.tellCustomer('comment', dto.body);
      }
      return comment;
    });
  }

  comments(id: string): Promise<ComplaintCommentEntity[]> {
    return this.complaints.comments(id);
  }

  history(id: string): Promise<ComplaintHistoryEntity[]> {
    return this.complaints.history(id);
  }

  /** Stops the solution clock while waiting for parts or a joint-team decision (status unchanged). */
  async pause(id: string, dto: PauseDto, actor: Principal): Promise<ComplaintView> {
    const c = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
      if (!isOpen(c.status))
        throw new ComplaintError('ILLEGAL_TRANSITION', `a ${c.status} complaint has no running clock`);
      await this.lifecycle.pauseClock(em, c, rec, dto.reason, actor.sub);
      return c;
    });
    return toView(c);
  }

  async resume(id: string, actor: Principal): Promise<ComplaintView> {
    const c = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
      await this.lifecycle.resumeClock(em, c, rec, actor.sub);
      return c;
    });
    return toView(c);
  }

  /** A joint handling team for a major or multi-department complaint (seed 002). */
  async setTeam(id: string, dto: SetTeamDto, actor: Principal): Promise<TeamMemberEntity[]> {
    return this.changes.apply(id, actor.sub, async (c, rec, em) => {
      if (!c.isMajor)
        throw new ComplaintError(
          'NOT_A_JOINT_CASE',
          'only major or multi-department complaints get a joint team',
        );
      const members = dto.members.map((m) => ({
        complaintId: id,
        memberId: m.memberId,
        department: m.department,
        role: m.role,
        addedAt: rec.now,
      }));
      await this.complaints.replaceTeam(em, id, members);
      rec.note('team-set', { members: dto.members });
      return members;
    });
  }

  team(id: string): Promise<TeamMemberEntity[]> {
    return this.complaints.team(id);
  }

  async addPlanStep(id: string, dto: AddPlanStepDto, actor: Principal): Promise<PlanStepEntity> {
    return this.changes.apply(id, actor.sub, async (c, rec, em) => {
      if (!c.isMajor) throw new ComplaintError('NOT_A_JOINT_CASE', 'a plan of steps belongs to a joint case');
      const steps = await this.complaints.plan(id, em);
      const step: PlanStepEntity = {
        id: uuidv7(),
        complaintId: id,
        position: steps.length + 1,
        title: dto.title,
        ownerId: dto.ownerId,
        department: dto.department ?? null,
        dueAt: new Date(dto.dueAt),
        doneAt: null,
        outcome: null,
      };
      await this.complaints.addPlanStep(em, step);
      rec.note('plan-step-added', {
        stepId: step.id,
        title: step.title,
        ownerId: step.ownerId,
        dueAt: dto.dueAt,
      });
      return step;
    });
  }

  async updatePlanStep(
    id: string,
    stepId: string,
    dto: UpdatePlanStepDto,
    actor: Principal,
  ): Promise<PlanStepEntity> {
    return this.changes.apply(id, actor.sub, async (_c, rec, em) => {
      const step = (await this.complaints.plan(id, em)).find((s) => s.id === stepId);
      if (!step)
        throw new ComplaintError('PLAN_STEP_NOT_FOUND', `plan step ${stepId} is not part of complaint ${id}`);
      step.doneAt = dto.done ? rec.now : null;
      step.outcome = dto.outcome ?? step.outcome;
      await this.complaints.savePlanStep(em, step);
      rec.note(dto.done ? 'plan-step-done' : 'plan-step-reopened', { stepId, outcome: dto.outcome });
      return step;
    });
  }

  plan(id: string): Promise<PlanStepEntity[]> {
    return this.complaints.plan(id);
  }

  /**
   * One problem filed on two channels: the duplicate closes into this complaint, keeping its own
   * history; both case files record the merge.
   */
  async merge(id: string, duplicateId: string, actor: Principal): Promise<ComplaintView> {
    if (id === duplicateId)
      throw new ComplaintError('CANNOT_MERGE', 'a complaint cannot be merged into itself');
    return this.changes.apply(id, actor.sub, async (target, rec, em) => {
      if (!isOpen(target.status))
        throw new ComplaintError('CANNOT_MERGE', `the surviving complaint is ${target.status}`);
      await this.changes.applyIn(em, duplicateId, actor.sub, (dup, dupRec) => {
        if (dup.mergedInto)
          throw new ComplaintError(
            'CANNOT_MERGE',
            `complaint ${duplicateId} was already merged into ${dup.mergedInto}`,
          );
        if (!isOpen(dup.status)) throw new ComplaintError('CANNOT_MERGE', `the duplicate is ${dup.status}`);
        const from = dup.status;
        dup.mergedInto = id;
        dup.status = 'withdrawn';
        dup.closedAt = this.clock.now();
        dupRec.note('merged-into', { into: id, reference: target.reference }, from, 'withdrawn');
        dupRec.tellCustomer(
          'merged',
          `Your complaint ${dup.reference} is being handled together with ${target.reference}.`,
        );
      });
      rec.note('merged', { duplicateId });
      return toView(target);
    });
  }

  async slaExplanation(id: string): Promise<unknown> {
    const c = await this.complaints.findById(id);
    if (!c) throw ComplaintError.notFound(id);
    return this.lifecycle.explainClock(c);
  }
}
