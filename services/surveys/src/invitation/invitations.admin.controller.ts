import {
  AdminController,
  ApiPageResponse,
  ApiProblem,
  createdAtPositionOf,
  decodeCursor,
  isCreatedAtPosition,
  Page,
  toPage,
} from '@cx/platform';
import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { SurveysConfig } from '../config';
import { ListInvitationsQuery } from './dto/list-invitations.query';
import { InvitationRepository } from './invitation.repository';
import { InvitationView, toInvitationView } from './invitation.view';

/** The invitations, with their links: those not sent (no channel configured) can be passed on by hand. */
@AdminController('invitations')
export class InvitationsAdminController {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly config: SurveysConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Invitations, newest first, optionally of one status, with their answer links' })
  @ApiPageResponse(InvitationView)
  @ApiProblem(400, 'The status, limit or cursor is invalid')
  async list(@Query() q: ListInvitationsQuery): Promise<Page<InvitationView>> {
    const rows = await this.invitations.list(
      q.status,
      decodeCursor(q.cursor, isCreatedAtPosition),
      q.limit + 1,
    );
    const page = toPage(rows, q.limit, createdAtPositionOf);
    return {
      items: page.items.map((i) => toInvitationView(i, this.config.SURVEYS_PUBLIC_URL)),
      nextCursor: page.nextCursor,
    };
  }
}
