import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CourseFormat } from './course.rules';

/** A course the training lead offers: what it teaches, how, for how long, how it is assessed, its points. */
@Entity('course')
export class CourseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') title!: string;
  /** Open list: product-knowledge, service-etiquette, communication, complaint-handling, law-compliance, ... */
  @Column('text') topic!: string;
  @Column('text') format!: CourseFormat;
  @Column('int') durationMinutes!: number;
  /** Assessment: the score (0-100) that passes, null when the course has none. */
  @Column('int', { nullable: true }) passingScore!: number | null;
  /** Attempts allowed at the assessment, null for no limit. */
  @Column('int', { nullable: true }) maxAttempts!: number | null;
  @Column('int') points!: number;
  /** Part of the service process every new hire completes within 3 months (coverage). */
  @Column('boolean') serviceProcess!: boolean;
  @Column('boolean') active!: boolean;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
