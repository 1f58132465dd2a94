import { EnrollmentReason } from '@cx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EnrollmentStatus } from './enrollment.rules';

/**
 * An employee enrolled in a course: by a plan, as remedial training for a cause, or by hand. At most
 * one open enrolment per employee and course, and one per remedial cause (unique indexes).
 */
@Entity('enrollment')
export class EnrollmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') employeeId!: string;
  @Column('uuid') courseId!: string;
  @Column('text') reason!: EnrollmentReason;
  @Column('uuid', { nullable: true }) planId!: string | null;
  /** What a remedial enrolment answers (e.g. `audit:<auditId>:<itemId>`): one enrolment per cause. */
  @Column('text', { nullable: true }) cause!: string | null;
  @Column('timestamptz', { nullable: true }) dueAt!: Date | null;
  @Column('text') status!: EnrollmentStatus;
  @Column('timestamptz', { nullable: true }) attendedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) completedAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
