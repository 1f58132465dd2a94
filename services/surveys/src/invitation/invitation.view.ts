import { ApiProperty } from '@nestjs/swagger';
import { INVITATION_CHANNELS, INVITATION_STATUSES } from './invitation.rules';
import { InvitationEntity } from './invitation.entity';
import { answerLink } from './invitation.template';

/** An invitation as the lead sees it, with its answer link (to pass on by hand when it was not sent). */
export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) questionnaireId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() trigger!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty({ type: String, nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) customerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) storeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) employeeId!: string | null;
  @ApiProperty({ enum: INVITATION_CHANNELS }) channel!: string;
  @ApiProperty() priority!: number;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) sendAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The delivery log row' })
  deliveryId!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ description: 'The answer link' }) link!: string;
}

export const toInvitationView = (i: InvitationEntity, publicUrl: string): InvitationView => ({
  id: i.id,
  questionnaireId: i.questionnaireId,
  version: i.version,
  trigger: i.trigger,
  subjectType: i.subjectType,
  subjectId: i.subjectId,
  customerId: i.customerId,
  storeId: i.storeId,
  employeeId: i.employeeId,
  channel: i.channel,
  priority: i.priority,
  status: i.status,
  sendAt: i.sendAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
  deliveryId: i.deliveryId,
  note: i.note,
  link: answerLink(publicUrl, i.token),
});
