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
import {
  AssignDisputeDto,
  DisputeNoteDto,
  ListDisputesQuery,
  OpenDisputeDto,
  ResolveDisputeDto,
} from './dto/dispute.dto';
import { DisputeService } from './dispute.service';
import { DisputeDetailView, DisputeView } from './dispute.view';

const id = new ParseUUIDPipe();

/** Disputes: staff open them for the customer; the dispute group (the after-sales lead's team) handles them. */
@ApiTags('disputes')
@Controller('disputes')
export class DisputeController {
  constructor(private readonly disputes: DisputeService) {}

  @Post()
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'The customer disputes a return decision or a repair' })
  @ApiCreatedResponse({ type: DisputeView })
  @ApiOkResponse({
    type: DisputeView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(422, 'No such return or repair, or the Idempotency-Key was used for another body')
  async open(
    @Body() dto: OpenDisputeDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DisputeView> {
    const { status, body } = await this.disputes.open(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/disputes/${body.id}`);
    return body;
  }

  @Get()
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Disputes, newest first; major=true: those reported to management' })
  @ApiPageResponse(DisputeView)
  @ApiProblem(400, 'A filter, the limit or the cursor is invalid')
  list(@Query() query: ListDisputesQuery): Promise<Page<DisputeView>> {
    return this.disputes.list(query);
  }

  @Get(':id')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'One dispute with its full history' })
  @ApiOkResponse({ type: DisputeDetailView })
  @ApiProblem(404, 'No such dispute')
  get(@Param('id', id) disputeId: string): Promise<DisputeDetailView> {
    return this.disputes.get(disputeId);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Add to the history' })
  @ApiOkResponse({ type: DisputeView })
  @ApiProblem(404, 'No such dispute')
  @ApiProblem(409, 'Resolved')
  note(
    @Param('id', id) disputeId: string,
    @Body() dto: DisputeNoteDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<DisputeView> {
    return this.disputes.note(disputeId, dto.note, actor);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('lead')
  @ApiOperation({ summary: 'Give it to a member of the dispute group' })
  @ApiOkResponse({ type: DisputeView })
  @ApiProblem(404, 'No such dispute')
  @ApiProblem(409, 'Resolved')
  assign(
    @Param('id', id) disputeId: string,
    @Body() dto: AssignDisputeDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<DisputeView> {
    return this.disputes.assign(disputeId, dto.handlerId, actor);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @Roles('lead')
  @ApiOperation({
    summary: 'Mark it major and report it to management (evt.aftersales.dispute.escalated.v1)',
  })
  @ApiOkResponse({ type: DisputeView })
  @ApiProblem(404, 'No such dispute')
  @ApiProblem(409, 'Resolved, or reported already')
  escalate(@Param('id', id) disputeId: string, @CurrentPrincipal() actor: Principal): Promise<DisputeView> {
    return this.disputes.escalate(disputeId, actor);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('lead')
  @ApiOperation({ summary: 'Record how it was settled' })
  @ApiOkResponse({ type: DisputeView })
  @ApiProblem(404, 'No such dispute')
  @ApiProblem(409, 'Resolved already')
  resolve(
    @Param('id', id) disputeId: string,
    @Body() dto: ResolveDisputeDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<DisputeView> {
    return this.disputes.resolve(disputeId, dto.resolution, actor);
  }
}
