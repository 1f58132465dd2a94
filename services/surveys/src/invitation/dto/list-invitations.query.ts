import { CursorPageQuery } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { INVITATION_STATUSES, InvitationStatus } from '../invitation.rules';

export class ListInvitationsQuery extends CursorPageQuery {
  @ApiPropertyOptional({
    enum: INVITATION_STATUSES,
    description: 'e.g. not-sent: the ones to pass on by hand',
  })
  @IsOptional()
  @IsIn(INVITATION_STATUSES)
  status?: InvitationStatus;
}
