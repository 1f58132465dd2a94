import { uuidv7 } from '@cx/contracts';
import { Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ComplaintChanges } from '../complaint/complaint.changes';
import { ComplaintCommentEntity, ComplaintEntity, PlanStepEntity } from '../complaint/complaint.entity';
import { ComplaintError } from '../complaint/complaint.errors';
import { ComplaintRepository } from '../complaint/complaint.repository';
import { ComplaintService } from '../complaint/complaint.service';
import { ComplaintView, toView } from '../complaint/complaint.view';
import { isOpen } from '../complaint/status';
import { PolicyService } from '../policy/policy.service';
import { SlaExplanationView } from '../sla/sla.view';
import { CommentDto } from './dto/comment.dto';
import { AssignDto, TransferDto } from './dto/ownership.dto';
import { PauseDto } from './dto/pause.dto';
import { AddPlanStepDto, UpdatePlanStepDto } from './dto/plan.dto';
import { SetTeamDto } from './dto/team.dto';
import {
  CommentView,
  HistoryEntryView,
  PlanStepView,
  TeamMemberView,
  toCommentView,
  toHistoryEntryView,
  toPlanStepView,
  toTeamMemberView,
} from './handling.view';

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
    private readonly policies: PolicyService,
  ) {}

  /** The complaint as every answer shows it: isVip by the policy's tiers, as the complaint service does. */
  private async view(c: ComplaintEntity): Promise<ComplaintView> {
    return toView(c, (await this.policies.policy()).vipTiers);
  }

  /** The owner keeps the complaint until a transfer is recorded with a reason (docs/complaints/README.md). */
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
    return this.view(c);
  }

  /** A second department makes it a joint case: major, so it goes to management with its emergency plan. */
  async assign(id: string, dto: AssignDto, actor: Principal): Promise<ComplaintView> {
    const policy = await this.policies.policy();
    const c = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
      rec.note('assigned', { from: c.department, to: dto.department });
      c.department = dto.department;
      if (!c.departments.includes(dto.department)) c.departments = [...c.departments, dto.department];
      if (new Set(c.departments).size > 1 && !c.isMajor) {
        c.isMajor = true;
        rec.note('flagged-major', { why: 'more than one department involved' });
        const category = await this.policies.category(c.category, em);
        const plan = this.lifecycle.escalateMajor(c, rec, {
          policy,
          categoryMajor: category?.major ?? false,
          template: category?.planTemplate ?? [],
          planFrom: rec.now,
        });
        await this.complaints.addPlanSteps(em, plan);
      }
      return c;
    });
    return toView(c, policy.vipTiers);
  }

  /** A customer-visible comment is an update the customer is told about (and counts as a first response). */
  async comment(id: string, dto: CommentDto, actor: Principal): Promise<CommentView> {
    const comment = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
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
    return toCommentView(comment);
  }

  async comments(id: string): Promise<CommentView[]> {
    return (await this.complaints.comments(id)).map(toCommentView);
  }

  async history(id: string): Promise<HistoryEntryView[]> {
    return (await this.complaints.history(id)).map(toHistoryEntryView);
  }

  /** Stops the solution clock while waiting for parts or a joint-team decision (status unchanged). */
  async pause(id: string, dto: PauseDto, actor: Principal): Promise<ComplaintView> {
    const c = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
      await this.lifecycle.pause(em, c, rec, dto.reason, actor.sub);
      return c;
    });
    return this.view(c);
  }

  async resume(id: string, actor: Principal): Promise<ComplaintView> {
    const c = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
      await this.lifecycle.resume(em, c, rec, actor.sub);
      return c;
    });
    return this.view(c);
  }

  /** A joint handling team for a major or multi-department complaint (docs/complaints/README.md). */
  async setTeam(id: string, dto: SetTeamDto, actor: Principal): Promise<TeamMemberView[]> {
    const members = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
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
    return members.map(toTeamMemberView);
  }

  async team(id: string): Promise<TeamMemberView[]> {
    return (await this.complaints.team(id)).map(toTeamMemberView);
  }

  async addPlanStep(id: string, dto: AddPlanStepDto, actor: Principal): Promise<PlanStepView> {
    const step = await this.changes.apply(id, actor.sub, async (c, rec, em) => {
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
    return toPlanStepView(step);
  }

  async updatePlanStep(
    id: string,
    stepId: string,
    dto: UpdatePlanStepDto,
    actor: Principal,
  ): Promise<PlanStepView> {
    const step = await this.changes.apply(id, actor.sub, async (_c, rec, em) => {
      const step = (await this.complaints.plan(id, em)).find((s) => s.id === stepId);
      if (!step)
        throw new ComplaintError('PLAN_STEP_NOT_FOUND', `plan step ${stepId} is not part of complaint ${id}`);
      step.doneAt = dto.done ? rec.now : null;
      step.outcome = dto.outcome ?? step.outcome;
      await this.complaints.savePlanStep(em, step);
      rec.note(dto.done ? 'plan-step-done' : 'plan-step-reopened', { stepId, outcome: dto.outcome });
      return step;
    });
    return toPlanStepView(step);
  }

  async plan(id: string): Promise<PlanStepView[]> {
    return (await this.complaints.plan(id)).map(toPlanStepView);
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
      await this.changes.applyIn(em, duplicateId, actor.sub, async (dup, dupRec) => {
        if (dup.mergedInto)
          throw new ComplaintError(
            'CANNOT_MERGE',
            `complaint ${duplicateId} was already merged into ${dup.mergedInto}`,
          );
        if (!isOpen(dup.status)) throw new ComplaintError('CANNOT_MERGE', `the duplicate is ${dup.status}`);
        // Withdrawn through the status machine (its pause ends with it); its case file closes into the survivor.
        dup.mergedInto = id;
        await this.lifecycle.transition(em, dup, dupRec, 'withdrawn', {
          actorId: actor.sub,
          message: `Your complaint ${dup.reference} is being handled together with ${target.reference}.`,
          as: { action: 'merged-into', details: { into: id, reference: target.reference }, change: 'merged' },
        });
        dup.closedAt = dupRec.now;
      });
      rec.note('merged', { duplicateId });
      return toView(target, (await this.policies.policy(em)).vipTiers);
    });
  }

  async slaExplanation(id: string): Promise<SlaExplanationView> {
    const c = await this.complaints.findById(id);
    if (!c) throw ComplaintError.notFound(id);
    return this.lifecycle.explainClock(c);
  }
}
