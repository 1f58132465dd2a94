import { ComplaintChannel, ComplaintStatus, EscalationReasonV2, Priority, Tier } from '@cx/contracts';
import { encrypted } from '@cx/platform';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { BusinessCalendar } from '../sla/business-calendar';

export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const IMPORTANCES = ['low', 'medium', 'high', 'critical'] as const;
export type Importance = (typeof IMPORTANCES)[number];
export const PAUSE_REASONS = ['waiting-for-customer', 'waiting-for-parts', 'joint-team-decision'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const SATISFACTION = ['satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];
/** Per cause of escalation (a missed clock, reopened too often, dissatisfied, major): the level it has reached. */
export type EscalationLevels = Partial<Record<EscalationReasonV2, number>>;

/** One complaint, from intake to closure. The complainant's name and contact are encrypted at rest. */
@Entity('complaint')
export class ComplaintEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Human reference told to the customer, e.g. C-2026-000123. */
  @Index({ unique: true }) @Column('text') reference!: string;
  @Column('text') channel!: ComplaintChannel;
  @Column('text') category!: string;
  @Column('text') urgency!: Urgency;
  @Column('text') importance!: Importance;
  @Column('text') priority!: Priority;
  /** Major or multi-department: handled by a joint team with a plan, escalated to management. */
  @Column('boolean') isMajor!: boolean;
  @Column('text', { array: true, default: () => "'{}'" }) departments!: string[];
  @Column('text', { nullable: true }) customerTier!: Tier | null;

  @Index() @Column('uuid', { nullable: true }) customerId!: string | null;
  @Column('text', { nullable: true, transformer: encrypted() }) complainantName!: string | null;
  @Column('text', { nullable: true, transformer: encrypted() }) complainantPhone!: string | null;
  @Column('text', { nullable: true, transformer: encrypted() }) complainantEmail!: string | null;
  /** Keyed hashes for lookups by contact (repeat detection) without decrypting. */
  @Index() @Column('text', { nullable: true }) phoneHash!: string | null;
  @Index() @Column('text', { nullable: true }) emailHash!: string | null;

  @Index() @Column('text', { nullable: true }) storeId!: string | null;
  @Column('text', { nullable: true }) orderId!: string | null;
  @Index() @Column('text', { nullable: true }) productSku!: string | null;
  /** The member of staff the complaint is about, if any. */
  @Column('text', { nullable: true }) employeeId!: string | null;
  @Column('text') description!: string;
  @Column('jsonb', { default: [] }) attachments!: { ref: string; name?: string; contentType?: string }[];

  @Index() @Column('text') status!: ComplaintStatus;
  /** First-contact ownership: the taker owns it until a transfer is recorded. */
  @Index() @Column('text') ownerId!: string;
  @Column('text', { nullable: true }) department!: string | null;

  @Column('timestamptz') receivedAt!: Date;
  @Column('timestamptz') recordedAt!: Date;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') firstResponseDueAt!: Date;
  /** Null while the solution clock is paused. */
  @Index() @Column('timestamptz', { nullable: true }) resolutionDueAt!: Date | null;
  /** When the current solution clock started: receipt, or the last reopening. */
  @Column('timestamptz') resolutionClockStartedAt!: Date;
  /** The SLA promised at intake: the hours, and the calendar they count in (null: around the clock). */
  @Column('double precision') firstResponseHours!: number;
  @Column('double precision') resolutionHours!: number;
  @Column('jsonb', { nullable: true }) slaCalendar!: BusinessCalendar | null;
  /** The rule that gave the hours (null: the policy's defaults); may since have been edited or deleted. */
  @Column('uuid', { nullable: true }) slaRuleId!: string | null;
  @Column('timestamptz', { nullable: true }) firstRespondedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) resolvedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
  @Column('text', { nullable: true }) resolutionSummary!: string | null;
  /** The root cause recorded at resolution (the lead's cause taxonomy) and the department answerable for it. */
  @Column('text', { nullable: true }) causeCode!: string | null;
  @Column('text', { nullable: true }) responsibleDepartment!: string | null;

  @Column('timestamptz', { nullable: true }) firstResponseWarnedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) firstResponseBreachedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) resolutionWarnedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) resolutionBreachedAt!: Date | null;
  /** The highest level of the escalation chain reached, by any cause. */
  @Column('int', { default: 0 }) escalationLevel!: number;
  /** The level each cause has reached: each climbs the chain on its own (docs/complaints/sla.md). */
  @Column('jsonb', { default: {} }) escalationLevels!: EscalationLevels;

  @Column('boolean', { default: false }) isRepeat!: boolean;
  @Column('uuid', { nullable: true }) repeatOf!: string | null;
  @Column('uuid', { nullable: true }) mergedInto!: string | null;
  /** The incident it is part of (one cause behind many complaints), if any. */
  @Column('uuid', { nullable: true }) incidentId!: string | null;
  @Column('int', { default: 0 }) reopenCount!: number;
  @Column('text', { nullable: true }) satisfaction!: Satisfaction | null;
  @Column('timestamptz', { nullable: true }) satisfactionAt!: Date | null;

  @Column('int', { default: 1 }) version!: number;
  @Column('timestamptz') updatedAt!: Date;
}

/** Every change to a complaint, who made it and why: the case file. */
@Entity('complaint_history')
export class ComplaintHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index() @Column('uuid') complaintId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') actorId!: string;
  @Column('text') action!: string;
  @Column('text', { nullable: true }) fromStatus!: ComplaintStatus | null;
  @Column('text', { nullable: true }) toStatus!: ComplaintStatus | null;
  @Column('jsonb', { default: {} }) details!: Record<string, unknown>;
}

export const COMMENT_VISIBILITY = ['internal', 'customer'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITY)[number];

@Entity('complaint_comment')
export class ComplaintCommentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid') complaintId!: string;
  @Column('text') authorId!: string;
  @Column('text') visibility!: CommentVisibility;
  @Column('text') body!: string;
  @Column('timestamptz') createdAt!: Date;
}

/** A stop of the solution clock, with its reason, so the clock can be explained afterwards. */
@Entity('complaint_sla_pause')
export class SlaPauseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid') complaintId!: string;
  @Column('text') reason!: PauseReason;
  @Column('timestamptz') pausedAt!: Date;
  @Column('timestamptz', { nullable: true }) resumedAt!: Date | null;
  @Column('text') pausedBy!: string;
  @Column('text', { nullable: true }) resumedBy!: string | null;
}

/** A member of the joint handling team of a major or multi-department complaint. */
@Entity('complaint_team_member')
export class TeamMemberEntity {
  @PrimaryColumn('uuid') complaintId!: string;
  @PrimaryColumn('text') memberId!: string;
  @Column('text') department!: string;
  @Column('text') role!: 'lead' | 'member';
  @Column('timestamptz') addedAt!: Date;
}

/** One step of a joint team's plan, tracked to the end. */
@Entity('complaint_plan_step')
export class PlanStepEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid') complaintId!: string;
  @Column('int') position!: number;
  @Column('text') title!: string;
  @Column('text') ownerId!: string;
  @Column('text', { nullable: true }) department!: string | null;
  @Column('timestamptz') dueAt!: Date;
  @Column('timestamptz', { nullable: true }) doneAt!: Date | null;
  @Column('text', { nullable: true }) outcome!: string | null;
}
