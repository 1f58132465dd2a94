import { ApiPageResponse, ApiProblem, Page, Roles } from '@cx/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TimelineQuery } from './dto/timeline.query';
import { TimelineService } from './timeline.service';
import { TimelineEntryView } from './timeline.view';

@ApiTags('customer 360')
@Controller('customers')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get(':id/timeline')
  @Roles('agent', 'lead')
  @ApiOperation({
    summary:
      "A customer's 360 timeline: purchases, tier changes, complaints, returns, repairs and survey answers, newest first (no personal data)",
  })
  @ApiPageResponse(TimelineEntryView)
  @ApiProblem(400, 'The id is not a UUID, or the kind or cursor is invalid')
  list(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: TimelineQuery,
  ): Promise<Page<TimelineEntryView>> {
    return this.timeline.list(id, query);
  }
}
