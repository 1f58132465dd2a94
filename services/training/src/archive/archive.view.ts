import { ENROLLMENT_REASONS, EnrollmentReason } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ENROLLMENT_STATUSES, EnrollmentStatus } from '../enrollment/enrollment.rules';

export class ArchiveAttemptView {
  @ApiProperty() score!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ format: 'date-time' }) takenAt!: string;
}

export class ArchiveCourseView {
  @ApiProperty({ format: 'uuid' }) enrollmentId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ example: 'service-process' }) courseCode!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'service-process' }) topic!: string;
  @ApiProperty({ enum: ENROLLMENT_REASONS }) reason!: EnrollmentReason;
  @ApiProperty({ enum: ENROLLMENT_STATUSES }) status!: EnrollmentStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) attendedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ type: [ArchiveAttemptView] }) attempts!: ArchiveAttemptView[];
}

export class ArchivePointsView {
  @ApiProperty() earned!: number;
  @ApiProperty() spent!: number;
  @ApiProperty() balance!: number;
}

/** Everything an employee was enrolled in, took, passed and failed, and their points. */
export class ArchiveView {
  @ApiProperty({ example: 'E10023' }) employeeId!: string;
  @ApiProperty({ type: ArchivePointsView }) points!: ArchivePointsView;
  @ApiProperty({ description: 'Courses completed' }) completed!: number;
  @ApiProperty({ description: 'Courses failed (no attempts left)' }) failed!: number;
  @ApiProperty({ type: [ArchiveCourseView], description: 'Oldest enrolment first' })
  courses!: ArchiveCourseView[];
}
