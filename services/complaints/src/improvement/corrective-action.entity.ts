import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** open -> done (the owner did it) -> verified (a lead checked it worked); not effective: open again. */
export const CORRECTIVE_ACTION_STATUSES = ['open', 'done', 'verified'] as const;
export type CorrectiveActionStatus = (typeof CORRECTIVE_ACTION_STATUSES)[number];

/** What is done about a complaint's root cause so it does not happen again (seed 003 ch. 6, PDCA). */
@Entity('corrective_action')
export class CorrectiveActionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid') complaintId!: string;
  @Column('text', { nullable: true }) causeCode!: string | null;
  /** The department that must act. */
  @Column('text', { nullable: true }) department!: string | null;
  @Column('text') title!: string;
  @Column('text') ownerId!: string;
  @Column('timestamptz') dueAt!: Date;
  /** How its effect will be checked (e.g. "no zip complaints about batch 43 in 30 days"). */
  @Column('text') verification!: string;
  @Column('text') status!: CorrectiveActionStatus;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
  @Column('timestamptz', { nullable: true }) doneAt!: Date | null;
  @Column('text', { nullable: true }) doneBy!: string | null;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('timestamptz', { nullable: true }) verifiedAt!: Date | null;
  @Column('text', { nullable: true }) verifiedBy!: string | null;
  @Column('text', { nullable: true }) verificationNote!: string | null;
  /** The due time the overdue event was sent for (once per due time). */
  @Column('timestamptz', { nullable: true }) overdueNotifiedFor!: Date | null;
}
