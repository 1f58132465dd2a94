import { ApiPageResponse, ApiProblem, CursorPageQuery, Page, Roles } from '@cx/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SegmentMemberView, SegmentsView } from './care.view';
import { SegmentQueries } from './segment.queries';

@ApiTags('segments')
@Controller('segments')
export class SegmentController {
  constructor(private readonly segments: SegmentQueries) {}

  @Get()
  @Roles('system', 'agent', 'lead')
  @ApiOperation({
    summary: 'The segments (RFM, VIP, at risk), what decides each, and their sizes at the last recompute',
  })
  @ApiOkResponse({ type: SegmentsView })
  @ApiProblem(401, 'No valid token')
  @ApiProblem(403, 'Not a system, an agent or the crm lead')
  list(): Promise<SegmentsView> {
    return this.segments.list();
  }

  @Get(':code/members')
  @Roles('system', 'lead')
  @ApiOperation({ summary: "A segment's members by customer id only (campaign audiences), cursor-paginated" })
  @ApiPageResponse(SegmentMemberView)
  @ApiProblem(400, 'The cursor or limit is invalid')
  @ApiProblem(404, 'No segment has this code')
  members(@Param('code') code: string, @Query() query: CursorPageQuery): Promise<Page<SegmentMemberView>> {
    return this.segments.members(code, query);
  }
}
