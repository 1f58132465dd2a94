import { COMPLAINT_STATUSES, ComplaintStatus } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import {
  COMMENT_VISIBILITY,
  CommentVisibility,
  ComplaintCommentEntity,
  ComplaintHistoryEntity,
  PlanStepEntity,
  TeamMemberEntity,
} from '../complaint/complaint.entity';
import { TEAM_ROLES, TeamRole } from './dto/team.dto';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ example: 'E10001' }) authorId!: string;
  @ApiProperty({ enum: COMMENT_VISIBILITY }) visibility!: CommentVisibility;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** One entry of the case file: who did what, when, and the facts of it. */
export class HistoryEntryView {
  @ApiProperty({ example: '42', description: 'Increases with every entry of the service' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'E10001', description: "Who: a staff id, or 'system' for the sweeper" })
  actorId!: string;
  @ApiProperty({ example: 'transferred' }) action!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES, nullable: true, description: 'Set on a status change' })
  fromStatus!: ComplaintStatus | null;
  @ApiProperty({ enum: COMPLAINT_STATUSES, nullable: true, description: 'Set on a status change' })
  toStatus!: ComplaintStatus | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { from: 'E10001', to: 'E10002', reason: 'Needs the quality team' },
    description: 'What the action recorded; its keys depend on the action',
  })
  details!: Record<string, unknown>;
}

export class TeamMemberView {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ example: 'E10023' }) memberId!: string;
  @ApiProperty({ example: 'quality' }) department!: string;
  @ApiProperty({ enum: TEAM_ROLES }) role!: TeamRole;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
}

export class PlanStepView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ example: 1, description: 'Order in the plan, from 1' }) position!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'E10023' }) ownerId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'quality' }) department!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while open' })
  doneAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
}

export const toCommentView = (c: ComplaintCommentEntity): CommentView => ({
  id: c.id,
  complaintId: c.complaintId,
  authorId: c.authorId,
  visibility: c.visibility,
  body: c.body,
  createdAt: c.createdAt.toISOString(),
});

export const toHistoryEntryView = (h: ComplaintHistoryEntity): HistoryEntryView => ({
  id: h.id,
  complaintId: h.complaintId,
  at: h.at.toISOString(),
  actorId: h.actorId,
  action: h.action,
  fromStatus: h.fromStatus,
  toStatus: h.toStatus,
  details: h.details,
});

export const toTeamMemberView = (m: TeamMemberEntity): TeamMemberView => ({
  complaintId: m.complaintId,
  memberId: m.memberId,
  department: m.department,
  role: m.role,
  addedAt: m.addedAt.toISOString(),
});

export const toPlanStepView = (s: PlanStepEntity): PlanStepView => ({
  id: s.id,
  complaintId: s.complaintId,
  position: s.position,
  title: s.title,
  ownerId: s.ownerId,
  department: s.department,
  dueAt: s.dueAt.toISOString(),
  doneAt: iso(s.doneAt),
  outcome: s.outcome,
});
