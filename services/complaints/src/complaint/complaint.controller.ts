import {
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  IdempotencyKey,
  Page,
  Principal,
  Roles,
} from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ComplaintService } from './complaint.service';
import { ComplaintDetailView, ComplaintView } from './complaint.view';
import { ChangeStatusDto } from './dto/actions.dto';
import { CreateComplaintDto } from './dto/create-complaint.dto';
import { ListComplaintsQuery } from './dto/list-complaints.query';

const id = new ParseUUIDPipe();

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintController {
  constructor(private readonly complaints: ComplaintService) {}

  @Post()
  @Roles('system', 'agent')
  @ApiOperation({
    summary: 'Register a complaint from any channel; the answer carries the customer promise (due times)',
  })
  @ApiCreatedResponse({ type: ComplaintView, description: 'Created' })
  @ApiOkResponse({
    type: ComplaintView,
    description: 'A retry with the same Idempotency-Key: the complaint created the first time',
  })
  @ApiProblem(422, 'Unknown category, or an Idempotency-Key reused for another complaint')
  async create(
    @Body() dto: CreateComplaintDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintView> {
    const { complaint, created } = await this.complaints.create(dto, actor, key);
    void reply.status(created ? 201 : 200).header('location', `/api/v1/complaints/${complaint.id}`);
    return complaint;
  }

  @Get()
  @Roles('system', 'agent', 'lead')
  @ApiOperation({ summary: 'Search complaints (no personal data), newest first, cursor-paginated' })
  @ApiPageResponse(ComplaintView)
  @ApiProblem(400, 'A filter or the cursor is invalid')
  list(@Query() query: ListComplaintsQuery): Promise<Page<ComplaintView>> {
    return this.complaints.list(query);
  }

  @Get(':id')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: "One complaint with the complainant's contact (the read is audit-logged)" })
  @ApiOkResponse({ type: ComplaintDetailView })
  @ApiProblem(404, 'No such complaint')
  get(
    @Param('id', id) complaintId: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintDetailView> {
    return this.complaints.get(complaintId, actor);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({
    summary:
      'Move the complaint along its life cycle (acknowledge, work, wait, resolve, close, reopen, withdraw)',
  })
  @ApiOkResponse({ type: ComplaintView })
  @ApiProblem(404, 'No such complaint')
  @ApiProblem(409, 'Not allowed from the current status')
  changeStatus(
    @Param('id', id) complaintId: string,
    @Body() dto: ChangeStatusDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.complaints.changeStatus(complaintId, dto, actor);
  }
}
