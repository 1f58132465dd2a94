import { ApiProperty } from '@nestjs/swagger';
import { CampaignEntity } from './campaign.entity';

export class CampaignView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() segment!: string;
  @ApiProperty({ format: 'uuid' }) questionnaireId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() priority!: number;
  @ApiProperty({ format: 'date-time' }) startAt!: string;
  @ApiProperty() spreadDays!: number;
  @ApiProperty({ enum: ['planned', 'running', 'done'] }) status!: string;
  @ApiProperty({ description: 'Members of the segment when the campaign started' }) members!: number;
  @ApiProperty({ description: 'Invitations made' }) invited!: number;
  @ApiProperty({ description: 'Members fatigue kept out' }) suppressed!: number;
}

export const toCampaignView = (c: CampaignEntity): CampaignView => ({
  id: c.id,
  segment: c.segment,
  questionnaireId: c.questionnaireId,
  channel: c.channel,
  priority: c.priority,
  startAt: c.startAt.toISOString(),
  spreadDays: c.spreadDays,
  status: c.status,
  members: c.members,
  invited: c.invited,
  suppressed: c.suppressed,
});
