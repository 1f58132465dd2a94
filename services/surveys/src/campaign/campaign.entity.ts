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
  @Column('text') status!: 'planned' | 'done';
  @Column('int') invited!: number;
  @Column('int') suppressed!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
