import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InvitationChannel } from '../invitation/invitation.rules';

/** A periodic survey (the half-yearly satisfaction survey, seed 002) to a crm segment, spread over days. */
@Entity('campaign')
export class CampaignEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') segment!: string;
  @Column('uuid') questionnaireId!: string;
  @Column('text') channel!: InvitationChannel;
  @Column('int') priority!: number;
  @Column('timestamptz') startAt!: Date;
  @Column('int') spreadDays!: number;
  /** planned until its start, running while members are pending, then done. */
  @Column('text') status!: 'planned' | 'running' | 'done';
  /** Members copied from the segment at the start. */
  @Column('int') members!: number;
  @Column('int') invited!: number;
  @Column('int') suppressed!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
