import { ApiProperty } from '@nestjs/swagger';
import { INVITATION_CHANNELS } from '../invitation/invitation.rules';
import { SurveySettingsEntity, SurveyTriggerEntity } from './settings.entity';

export class TriggerView {
  @ApiProperty({ example: 'complaint-resolved' }) trigger!: string;
  @ApiProperty({ format: 'uuid' }) questionnaireId!: string;
  @ApiProperty() delayMinutes!: number;
  @ApiProperty() priority!: number;
  @ApiProperty({ enum: INVITATION_CHANNELS }) channel!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export class SettingsView {
  @ApiProperty() fatigueDays!: number;
  @ApiProperty() invitationValidDays!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export const toTriggerView = (t: SurveyTriggerEntity): TriggerView => ({
  trigger: t.trigger,
  questionnaireId: t.questionnaireId,
  delayMinutes: t.delayMinutes,
  priority: t.priority,
  channel: t.channel,
  enabled: t.enabled,
  updatedAt: t.updatedAt.toISOString(),
  updatedBy: t.updatedBy,
});

export const toSettingsView = (s: SurveySettingsEntity): SettingsView => ({
  fatigueDays: s.fatigueDays,
  invitationValidDays: s.invitationValidDays,
  updatedAt: s.updatedAt.toISOString(),
  updatedBy: s.updatedBy,
});
