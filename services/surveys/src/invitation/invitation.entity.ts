import type { SurveySubjectType, SurveyTrigger } from '@cx/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InvitationChannel, InvitationStatus } from './invitation.rules';

/**
 * An invitation to answer a questionnaire version: who it is credited to (store, employee, captured
 * when it is made), what it is about, when it goes out and until when it can be answered. No contact
 * details: they are asked from crm when it is sent, and forgotten.
 */
@Entity('invitation')
export class InvitationEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The answer link's secret (newToken). */
  @Index({ unique: true }) @Column('text') token!: string;
  @Column('uuid') questionnaireId!: string;
  @Column('int') version!: number;
  @Column('text') trigger!: SurveyTrigger;
  @Column('text') subjectType!: SurveySubjectType;
  @Column('text', { nullable: true }) subjectId!: string | null;
  @Column('uuid', { nullable: true }) customerId!: string | null;
  @Column('text', { nullable: true }) storeId!: string | null;
  @Column('text', { nullable: true }) employeeId!: string | null;
  @Column('text', { nullable: true }) touchpoint!: string | null;
  @Column('text') channel!: InvitationChannel;
  @Column('text') language!: string;
  @Column('int') priority!: number;
  @Column('text') status!: InvitationStatus;
  @Column('timestamptz') sendAt!: Date;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) claimedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) sentAt!: Date | null;
  /** The notifier's delivery log row (notification_delivery.id). */
  @Column('uuid', { nullable: true }) deliveryId!: string | null;
  /** Why it did not go out (fatigue, consent, crm unavailable ...), never contact details. */
  @Column('text', { nullable: true }) note!: string | null;
  @Column('timestamptz') createdAt!: Date;
}
