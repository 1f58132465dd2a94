import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TimelineKind, TimelineSource, TimelineSummary } from './timeline.rules';

/** One fact on a customer's 360 timeline. Anonymous by construction: no personal data is copied here. */
@Entity('timeline_entry')
export class TimelineEntryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') customerId!: string;
  @Column('text') kind!: TimelineKind;
  @Column('timestamptz') occurredAt!: Date;
  @Column('text') source!: TimelineSource;
  /** The fact's id in its service (purchase, complaint, repair, survey response ...). */
  @Column('text') referenceId!: string;
  @Column('jsonb') summary!: TimelineSummary;
  @Column('timestamptz') recordedAt!: Date;
}
