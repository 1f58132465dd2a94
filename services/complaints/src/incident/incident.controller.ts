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
  CreateIncidentDto,
  DismissIncidentDto,
  LinkComplaintDto,
  ListIncidentsQuery,
  ResolveIncidentDto,
} from './dto/incident.dto';
import { IncidentService } from './incident.service';
import { IncidentDetailView, IncidentEventView, IncidentView } from './incident.view';

const id = new ParseUUIDPipe();

/** Incidents: one cause behind many complaints (docs/complaints/major-and-incidents.md). */
@ApiTags('incidents')
@Roles('agent', 'lead')
@Controller('incidents')
export class IncidentController {
  constructor(private readonly incidents: IncidentService) {}

  @Post()
  @ApiOperation({ summary: 'Open an incident, linking the complaints given' })
  @ApiCreatedResponse({ type: IncidentView, description: 'Created' })
  @ApiOkResponse({
    type: IncidentView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(404, 'A complaint given does not exist')
  @ApiProblem(409, 'A complaint given is part of another incident (ALREADY_IN_INCIDENT)')
  @ApiProblem(422, 'The Idempotency-Key was sent before with another body')
  async create(
    @Body() dto: CreateIncidentDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IncidentView> {
    const { status, body } = await this.incidents.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/incidents/${body.id}`);
    return body;
  }

  @Get()
  @ApiOperation({
    summary: 'Incidents, newest first, cursor-paginated; filter by status (proposed: to confirm)',
  })
  @ApiPageResponse(IncidentView)
  @ApiProblem(400, 'The limit, the status or the cursor is invalid')
  list(@Query() query: ListIncidentsQuery): Promise<Page<IncidentView>> {
    return this.incidents.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One incident with its complaints' })
  @ApiOkResponse({ type: IncidentDetailView })
  @ApiProblem(404, 'No such incident')
  get(@Param('id', id) incidentId: string): Promise<IncidentDetailView> {
    return this.incidents.get(incidentId);
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary: "The incident's own timeline: proposed, opened, complaints linked and unlinked, resolved",
  })
  @ApiOkResponse({ type: [IncidentEventView] })
  @ApiProblem(404, 'No such incident')
  timeline(@Param('id', id) incidentId: string): Promise<IncidentEventView[]> {
    return this.incidents.timeline(incidentId);
  }

  @Post(':id/complaints')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a complaint to the incident' })
  @ApiOkResponse({ type: IncidentDetailView })
  @ApiProblem(404, 'No such incident or complaint')
  @ApiProblem(409, 'The incident is closed, or the complaint is part of another incident')
  link(
    @Param('id', id) incidentId: string,
    @Body() dto: LinkComplaintDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<IncidentDetailView> {
    return this.incidents.link(incidentId, dto.complaintId, actor);
  }

  @Post(':id/unlink')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlink a complaint: it is handled on its own again' })
  @ApiOkResponse({ type: IncidentDetailView })
  @ApiProblem(404, 'No such incident or complaint')
  @ApiProblem(409, 'The incident is closed, or the complaint is not part of it')
  unlink(
    @Param('id', id) incidentId: string,
    @Body() dto: LinkComplaintDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<IncidentDetailView> {
    return this.incidents.unlink(incidentId, dto.complaintId, actor);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('lead')
  @ApiOperation({
    summary: 'Resolve every open complaint of the incident with one solution and one customer message',
  })
  @ApiOkResponse({ type: IncidentDetailView })
  @ApiProblem(404, 'No such incident')
  @ApiProblem(409, 'The incident is not open (INCIDENT_NOT_OPEN)')
  resolve(
    @Param('id', id) incidentId: string,
    @Body() dto: ResolveIncidentDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<IncidentDetailView> {
    return this.incidents.resolve(incidentId, dto, actor);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('lead')
  @ApiOperation({ summary: 'Confirm an incident spike detection proposed' })
  @ApiOkResponse({ type: IncidentDetailView })
  @ApiProblem(404, 'No such incident')
  @ApiProblem(409, 'The incident is not proposed (INCIDENT_NOT_OPEN)')
  confirm(
    @Param('id', id) incidentId: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<IncidentDetailView> {
    return this.incidents.confirm(incidentId, actor);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Roles('lead')
  @ApiOperation({ summary: 'Dismiss a proposed incident: its complaints are unlinked' })
  @ApiOkResponse({ type: IncidentDetailView })
  @ApiProblem(404, 'No such incident')
  @ApiProblem(409, 'The incident is not proposed (INCIDENT_NOT_OPEN)')
  dismiss(
    @Param('id', id) incidentId: string,
    @Body() dto: DismissIncidentDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<IncidentDetailView> {
    return this.incidents.dismiss(incidentId, dto, actor);
  }
}
