import { IsIntIn, OptionalField, SurveyTrigger } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsUUID } from 'class-validator';
import { INVITATION_CHANNELS, InvitationChannel } from '../../invitation/invitation.rules';

/** The triggers a lead configures (periodic campaigns and manual invitations are not event triggers). */
export const EVENT_TRIGGERS = [
  'complaint-resolved',
  'repair-completed',
  'return-completed',
  'delivery',
] as const;

export class TriggerParams {
  @ApiProperty({ enum: EVENT_TRIGGERS })
  @IsIn(EVENT_TRIGGERS)
  trigger!: (typeof EVENT_TRIGGERS)[number];
}

/** PUT /admin/policies/triggers/{trigger} */
export class PutTriggerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionnaireId!: string;
  @ApiProperty({ example: 1440, description: 'Minutes after the event' })
  @IsIntIn(0, 60 * 24 * 60)
  delayMinutes!: number;
  @ApiProperty({ example: 5, description: 'Higher wins when two triggers compete for one customer' })
  @IsIntIn(0, 100)
  priority!: number;
  @ApiProperty({ enum: INVITATION_CHANNELS }) @IsIn(INVITATION_CHANNELS) channel!: InvitationChannel;
  @ApiProperty() @IsBoolean() enabled!: boolean;
}

/** PUT /admin/policies/settings (absent fields are kept) */
export class PutSettingsDto {
  @ApiProperty({
    example: 30,
    required: false,
    description: 'At most one invitation per customer per this many days',
  })
  @OptionalField()
  @IsIntIn(0, 365)
  fatigueDays?: number;

  @ApiProperty({ example: 14, required: false, description: 'Days an invitation can be answered' })
  @OptionalField()
  @IsIntIn(1, 90)
  invitationValidDays?: number;
}

export const isEventTrigger = (t: SurveyTrigger): boolean =>
  (EVENT_TRIGGERS as readonly string[]).includes(t);
