import { IsCode, IsIntIn, IsTimestamp } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { INVITATION_CHANNELS, InvitationChannel } from '../../invitation/invitation.rules';

/** POST /admin/campaigns */
export class CreateCampaignDto {
  @ApiProperty({ example: 'vip', description: 'The crm segment' }) @IsCode() segment!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionnaireId!: string;
  @ApiProperty({ enum: INVITATION_CHANNELS }) @IsIn(INVITATION_CHANNELS) channel!: InvitationChannel;
  @ApiProperty({ example: 1, description: 'Lower than the triggers: a case survey wins over the campaign' })
  @IsIntIn(0, 100)
  priority!: number;
  @ApiProperty({ example: '2026-06-01T09:00:00+08:00' }) @IsTimestamp() startAt!: string;
  @ApiProperty({ example: 14, description: 'Invitations spread evenly over this many days' })
  @IsIntIn(1, 90)
  spreadDays!: number;
}
