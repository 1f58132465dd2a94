import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One assessment attempt. Counted per employee and course, not per enrolment: leaving a course and
 * enrolling again does not give fresh attempts.
 */
@Entity('assessment_attempt')
export class AttemptEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') employeeId!: string;
  @Column('uuid') courseId!: string;
  @Column('uuid') enrollmentId!: string;
  @Column('int') score!: number;
  @Column('boolean') passed!: boolean;
  @Column('timestamptz') takenAt!: Date;
  @Column('timestamptz') recordedAt!: Date;
}

/** Training points earned (a completed course) or spent (a reward): the balance is their sum. */
@Entity('points_entry')
export class PointsEntryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') employeeId!: string;
  /** The completed enrolment (unique: a course's points once). */
  @Column('uuid', { nullable: true }) enrollmentId!: string | null;
  @Column('int') points!: number;
  @Column('text') reason!: string;
  @Column('timestamptz') at!: Date;
}
