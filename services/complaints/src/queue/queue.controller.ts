import { ApiPageResponse, ApiProblem, CurrentPrincipal, Page, Principal, Roles } from '@cx/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComplaintView } from '../complaint/complaint.view';
import { QueueFilters, WorkQueueQuery } from './dto/work-queue.query';
import { QueueCountsView } from './queue.view';
import { QueueService } from './queue.service';

/** The agents' work queues (docs/complaints/work-queues.md). */
@ApiTags('complaints')
@Roles('agent', 'lead')
@Controller('work-queue')
export class QueueController {
  constructor(private readonly queues: QueueService) {}

  @Get()
  @ApiOperation({
    summary: 'One work queue (mine, department, overdue, escalated, waiting), oldest first, with filters',
  })
  @ApiPageResponse(ComplaintView)
  @ApiProblem(
    400,
    'A filter, the queue, the limit or the cursor is invalid (department is required for queue=department)',
  )
  list(@Query() query: WorkQueueQuery, @CurrentPrincipal() actor: Principal): Promise<Page<ComplaintView>> {
    return this.queues.list(query, actor);
  }

  @Get('counts')
  @ApiOperation({ summary: 'How many open complaints each queue holds, with the same filters' })
  @ApiOkResponse({ type: QueueCountsView })
  @ApiProblem(400, 'A filter is invalid')
  counts(@Query() query: QueueFilters, @CurrentPrincipal() actor: Principal): Promise<QueueCountsView> {
    return this.queues.counts(query, actor);
  }
}
