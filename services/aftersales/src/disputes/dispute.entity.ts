import { DisputeSubject } from '@cx/contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A customer disputes a return decision or a repair; the dispute group handles it, major ones go up. */
@Entity('dispute')
export class DisputeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') subjectType!: DisputeSubject;
  @Column('uuid') subjectId!: string;
  @Column('uuid', { nullable: true }) customerId!: string | null;
  @Column('text') storeId!: string;
  @Column('text') reason!: string;
  @Column('text') status!: 'open' | 'resolved';
  /** The member of the dispute group handling it. */
  @Column('text', { nullable: true }) handlerId!: string | null;
  /** Reported to management. */
  @Column('boolean') major!: boolean;
  @Column('timestamptz', { nullable: true }) escalatedAt!: Date | null;
  @Column('text', { nullable: true }) escalatedBy!: string | null;
  @Column('text', { nullable: true }) resolution!: string | null;
  @Column('timestamptz') openedAt!: Date;
  @Column('text') openedBy!: string;
  @Column('timestamptz', { nullable: true }) resolvedAt!: Date | null;
}

export const DISPUTE_ACTIONS = ['opened', 'note', 'assigned', 'escalated', 'resolved'] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];

/** One entry of a dispute's full history. */
@Entity('dispute_entry')
export class DisputeEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') disputeId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') actorId!: string;
  @Column('text') action!: DisputeAction;
  @Column('text', { nullable: true }) note!: string | null;
}
