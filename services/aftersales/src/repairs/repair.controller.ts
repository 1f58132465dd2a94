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
  BookAppointmentDto,
  CompleteRepairDto,
  ConfirmRepairDto,
  ConsentDto,
  CreateRepairDto,
  InspectRepairDto,
  ListRepairsQuery,
  RepairNoteDto,
} from './dto/repair.dto';
import { RepairService } from './repair.service';
import { RepairDetailView, RepairView } from './repair.view';

const id = new ParseUUIDPipe();

/** Repair orders (seed 004, the 8 steps): one call per step, by the staff who own it. */
@ApiTags('repairs')
@Controller('repairs')
export class RepairController {
  constructor(private readonly repairs: RepairService) {}

  @Post()
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Steps 1-2: a repair requested by hotline or store visit, with its problem' })
  @ApiCreatedResponse({ type: RepairView })
  @ApiOkResponse({ type: RepairView, description: 'A retry with the same Idempotency-Key: the first answer' })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(422, 'The Idempotency-Key was used for another body')
  async create(
    @Body() dto: CreateRepairDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RepairView> {
    const { status, body } = await this.repairs.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/repairs/${body.id}`);
    return body;
  }

  @Get()
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'Repairs, newest first; overdue=true lists those past their step time limit' })
  @ApiPageResponse(RepairView)
  @ApiProblem(400, 'A filter, the limit or the cursor is invalid')
  list(@Query() query: ListRepairsQuery): Promise<Page<RepairView>> {
    return this.repairs.list(query);
  }

  @Get(':id')
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'One repair with its contact details (audited read) and steps' })
  @ApiOkResponse({ type: RepairDetailView })
  @ApiProblem(404, 'No such repair')
  get(@Param('id', id) repairId: string, @CurrentPrincipal() actor: Principal): Promise<RepairDetailView> {
    return this.repairs.get(repairId, actor);
  }

  @Post(':id/appointment')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Steps 2-3: book (or reschedule to) a technician slot' })
  @ApiOkResponse({ type: RepairView })
  @ApiProblem(400, 'Not on the hour, or in the past')
  @ApiProblem(404, 'No such repair')
  @ApiProblem(409, 'The slot is taken (SLOT_TAKEN), or the repair is past scheduling')
  book(
    @Param('id', id) repairId: string,
    @Body() dto: BookAppointmentDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<RepairView> {
    return this.repairs.book(repairId, dto, actor);
  }

  @Post(':id/inspection')
  @HttpCode(200)
  @Roles('technician', 'lead')
  @ApiOperation({ summary: 'Step 4: findings before any repair; the cost is computed and explained' })
  @ApiOkResponse({ type: RepairView })
  @ApiProblem(404, 'No such repair')
  @ApiProblem(409, 'Not scheduled')
  @ApiProblem(422, 'Unknown service or part')
  inspect(
    @Param('id', id) repairId: string,
    @Body() dto: InspectRepairDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<RepairView> {
    return this.repairs.inspect(repairId, dto, actor);
  }

  @Post(':id/consent')
  @HttpCode(200)
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: "Step 5: the customer's consent to the paid work" })
  @ApiOkResponse({ type: RepairView })
  @ApiProblem(404, 'No such repair')
  @ApiProblem(409, 'Not inspected')
  consent(
    @Param('id', id) repairId: string,
    @Body() dto: ConsentDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<RepairView> {
    return this.repairs.consent(repairId, dto.record, actor);
  }

  @Post(':id/repair')
  @HttpCode(200)
  @Roles('technician', 'lead')
  @ApiOperation({ summary: 'Step 4: the repair, after inspection (and consent for paid work)' })
  @ApiOkResponse({ type: RepairView })
  @ApiProblem(404, 'No such repair')
  @ApiProblem(409, 'Not inspected, or consent missing (CONSENT_REQUIRED)')
  repair(
    @Param('id', id) repairId: string,
    @Body() dto: RepairNoteDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<RepairView> {
    return this.repairs.repair(repairId, dto.note, actor);
  }

  @Post(':id/confirmation')
  @HttpCode(200)
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'Step 6: whether the customer is satisfied' })
  @ApiOkResponse({ type: RepairView })
  @ApiProblem(404, 'No such repair')
  @ApiProblem(409, 'Not repaired')
  confirm(
    @Param('id', id) repairId: string,
    @Body() dto: ConfirmRepairDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<RepairView> {
    return this.repairs.confirm(repairId, dto, actor);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'Step 7: the service record; surveys follows up (step 8)' })
  @ApiOkResponse({ type: RepairView })
  @ApiProblem(404, 'No such repair')
  @ApiProblem(409, 'Not confirmed')
  complete(
    @Param('id', id) repairId: string,
    @Body() dto: CompleteRepairDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<RepairView> {
    return this.repairs.complete(repairId, dto, actor);
  }
}
