import { ENROLLMENT_REASONS, EnrollmentReason } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { EnrollmentEntity } from './enrollment.entity';
import { ENROLLMENT_STATUSES, EnrollmentStatus } from './enrollment.rules';

export class EnrollmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'E10023' }) employeeId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ enum: ENROLLMENT_REASONS }) reason!: EnrollmentReason;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) planId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'audit:0193...:greeting' }) cause!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ enum: ENROLLMENT_STATUSES }) status!: EnrollmentStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) attendedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toEnrollmentView(e: EnrollmentEntity): EnrollmentView {
  return {
    id: e.id,
    employeeId: e.employeeId,
    courseId: e.courseId,
    reason: e.reason,
    planId: e.planId,
    cause: e.cause,
    dueAt: e.dueAt?.toISOString() ?? null,
    status: e.status,
    attendedAt: e.attendedAt?.toISOString() ?? null,
    completedAt: e.completedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}
