import type { SurveyTrigger } from '@cx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InvitationChannel } from '../invitation/invitation.rules';

/** A triggered survey the lead set up: which questionnaire after which event, how late, how important. */
@Entity('survey_trigger')
export class SurveyTriggerEntity {
  @PrimaryColumn('text') trigger!: SurveyTrigger;
  @Column('uuid') questionnaireId!: string;
  @Column('int') delayMinutes!: number;
  /** Higher wins when two triggers compete for one customer inside the fatigue window. */
  @Column('int') priority!: number;
  @Column('text') channel!: InvitationChannel;
  @Column('boolean') enabled!: boolean;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}

/** The service-wide survey settings: one row (id 1). */
@Entity('survey_settings')
export class SurveySettingsEntity {
  @PrimaryColumn('int') id!: number;
  @Column('int') fatigueDays!: number;
  @Column('int') invitationValidDays!: number;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}
