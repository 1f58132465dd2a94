import { ApiProperty } from '@nestjs/swagger';
import {
  CORRECTIVE_ACTION_STATUSES,
  CorrectiveActionEntity,
  CorrectiveActionStatus,
} from './corrective-action.entity';
import { isOverdue } from './corrective-action.rules';

export class CorrectiveActionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'product-quality' }) causeCode!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'quality' }) department!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'E10023' }) ownerId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() verification!: string;
  @ApiProperty({ enum: CORRECTIVE_ACTION_STATUSES }) status!: CorrectiveActionStatus;
  @ApiProperty({ description: 'Open and past its due time' }) overdue!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) doneAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) verifiedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) verificationNote!: string | null;
}

export function toCorrectiveActionView(a: CorrectiveActionEntity, now: Date): CorrectiveActionView {
  return {
    id: a.id,
    complaintId: a.complaintId,
    causeCode: a.causeCode,
    department: a.department,
    title: a.title,
    ownerId: a.ownerId,
    dueAt: a.dueAt.toISOString(),
    verification: a.verification,
    status: a.status,
    overdue: isOverdue(a, now),
    createdAt: a.createdAt.toISOString(),
    createdBy: a.createdBy,
    doneAt: a.doneAt?.toISOString() ?? null,
    outcome: a.outcome,
    verifiedAt: a.verifiedAt?.toISOString() ?? null,
    verifiedBy: a.verifiedBy,
    verificationNote: a.verificationNote,
  };
}
