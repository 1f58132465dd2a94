import {
  AdminController,
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  Page,
  Principal,
  Roles,
} from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AddCorrectiveActionDto,
  CompleteCorrectiveActionDto,
  ListCorrectiveActionsQuery,
  VerifyCorrectiveActionDto,
} from './dto/corrective-action.dto';
import { CorrectiveActionService } from './corrective-action.service';
import { CorrectiveActionView } from './corrective-action.view';

const id = new ParseUUIDPipe();

/** A complaint's corrective actions (docs/complaints/root-causes.md). */
@ApiTags('complaints')
@Roles('agent', 'lead')
@Controller('complaints/:id/corrective-actions')
export class ComplaintCorrectiveActionsController {
  constructor(private readonly actions: CorrectiveActionService) {}

  @Post()
  @ApiOperation({ summary: 'Add a corrective action: owner, due time, how its effect will be verified' })
  @ApiCreatedResponse({ type: CorrectiveActionView })
  @ApiProblem(400, 'A field is invalid (each one is named); dueAt must be in the future')
  @ApiProblem(404, 'No such complaint')
  add(
    @Param('id', id) complaintId: string,
    @Body() dto: AddCorrectiveActionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CorrectiveActionView> {
    return this.actions.add(complaintId, dto, actor);
  }

  @Get()
  @ApiOperation({ summary: "The complaint's corrective actions, oldest first" })
  @ApiOkResponse({ type: [CorrectiveActionView] })
  @ApiProblem(404, 'No such complaint')
  list(@Param('id', id) complaintId: string): Promise<CorrectiveActionView[]> {
    return this.actions.ofComplaint(complaintId);
  }
}

/** One corrective action: done by its owner, verified by a lead. */
@ApiTags('complaints')
@Controller('corrective-actions/:id')
export class CorrectiveActionController {
  constructor(private readonly actions: CorrectiveActionService) {}

  @Post('complete')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Record that the action was done, with its outcome' })
  @ApiOkResponse({ type: CorrectiveActionView })
  @ApiProblem(404, 'No such corrective action')
  @ApiProblem(409, 'It is not open (CORRECTIVE_ACTION_STATE)')
  complete(
    @Param('id', id) actionId: string,
    @Body() dto: CompleteCorrectiveActionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CorrectiveActionView> {
    return this.actions.complete(actionId, dto, actor);
  }

  @Post('verify')
  @HttpCode(200)
  @Roles('lead')
  @ApiOperation({
    summary: 'Verify the effect: effective closes it, not effective opens it again with a new due time',
  })
  @ApiOkResponse({ type: CorrectiveActionView })
  @ApiProblem(400, 'A field is invalid; dueAt is required when not effective')
  @ApiProblem(404, 'No such corrective action')
  @ApiProblem(409, 'It is not done (CORRECTIVE_ACTION_STATE)')
  verify(
    @Param('id', id) actionId: string,
    @Body() dto: VerifyCorrectiveActionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CorrectiveActionView> {
    return this.actions.verify(actionId, dto, actor);
  }
}

/** The lead's list of every corrective action, overdue ones first to hand (docs/complaints/root-causes.md). */
@AdminController('corrective-actions')
export class CorrectiveActionsAdminController {
  constructor(private readonly actions: CorrectiveActionService) {}

  @Get()
  @ApiOperation({ summary: 'Corrective actions, soonest due first; overdue=true: open and past due' })
  @ApiPageResponse(CorrectiveActionView)
  @ApiProblem(400, 'A filter, the limit or the cursor is invalid')
  list(@Query() query: ListCorrectiveActionsQuery): Promise<Page<CorrectiveActionView>> {
    return this.actions.list(query);
  }
}
