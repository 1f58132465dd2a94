import { ApiProblem, CurrentPrincipal, Principal, Roles } from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComplaintView } from '../complaint/complaint.view';
import { SlaExplanationView } from '../sla/sla.view';
import { CommentDto } from './dto/comment.dto';
import { MergeDto } from './dto/merge.dto';
import { AssignDto, TransferDto } from './dto/ownership.dto';
import { PauseDto } from './dto/pause.dto';
import { AddPlanStepDto, UpdatePlanStepDto } from './dto/plan.dto';
import { SetTeamDto } from './dto/team.dto';
import { HandlingService } from './handling.service';
import { CommentView, HistoryEntryView, PlanStepView, TeamMemberView } from './handling.view';

const id = new ParseUUIDPipe();

@ApiTags('complaints')
@ApiProblem(404, 'No such complaint')
@Roles('agent', 'lead')
@Controller('complaints/:id')
export class HandlingController {
  constructor(private readonly handling: HandlingService) {}

  @Post('transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand the complaint to another owner, with the reason on record' })
  @ApiOkResponse({ type: ComplaintView })
  @ApiProblem(403, 'Only the owner, a lead or an admin may transfer')
  transfer(
    @Param('id', id) complaintId: string,
    @Body() dto: TransferDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.handling.transfer(complaintId, dto, actor);
  }

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({ summary: "Take a complaint waiting in a department's queue: the first-contact hand-over" })
  @ApiOkResponse({ type: ComplaintView })
  @ApiProblem(409, 'Someone owns it already (ALREADY_CLAIMED)')
  claim(@Param('id', id) complaintId: string, @CurrentPrincipal() actor: Principal): Promise<ComplaintView> {
    return this.handling.claim(complaintId, actor);
  }

  @Post('assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign to a department (a second department makes it a joint case)' })
  @ApiOkResponse({ type: ComplaintView })
  assign(
    @Param('id', id) complaintId: string,
    @Body() dto: AssignDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.handling.assign(complaintId, dto, actor);
  }

  @Post('comments')
  @ApiOperation({ summary: 'Add an internal or customer-visible comment' })
  @ApiCreatedResponse({ type: CommentView })
  comment(
    @Param('id', id) complaintId: string,
    @Body() dto: CommentDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CommentView> {
    return this.handling.comment(complaintId, dto, actor);
  }

  @Get('comments')
  @ApiOperation({ summary: 'The comments, oldest first' })
  @ApiOkResponse({ type: [CommentView] })
  comments(@Param('id', id) complaintId: string): Promise<CommentView[]> {
    return this.handling.comments(complaintId);
  }

  @Get('history')
  @ApiOperation({ summary: 'The full case file: every change, who made it and why' })
  @ApiOkResponse({ type: [HistoryEntryView] })
  history(@Param('id', id) complaintId: string): Promise<HistoryEntryView[]> {
    return this.handling.history(complaintId);
  }

  @Post('sla/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop the solution clock (waiting for parts, or a joint-team decision)' })
  @ApiOkResponse({ type: ComplaintView })
  @ApiProblem(409, 'Already paused')
  pause(
    @Param('id', id) complaintId: string,
    @Body() dto: PauseDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.handling.pause(complaintId, dto, actor);
  }

  @Post('sla/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart the solution clock; the deadline moves by the working time paused' })
  @ApiOkResponse({ type: ComplaintView })
  @ApiProblem(409, 'Not paused')
  resume(@Param('id', id) complaintId: string, @CurrentPrincipal() actor: Principal): Promise<ComplaintView> {
    return this.handling.resume(complaintId, actor);
  }

  @Get('sla')
  @ApiOperation({ summary: 'Explain the SLA clocks: targets, calendar, pauses, met or breached' })
  @ApiOkResponse({ type: SlaExplanationView })
  sla(@Param('id', id) complaintId: string): Promise<SlaExplanationView> {
    return this.handling.slaExplanation(complaintId);
  }

  @Put('team')
  @ApiOperation({ summary: 'Set the joint handling team of a major or multi-department complaint' })
  @ApiOkResponse({ type: [TeamMemberView] })
  setTeam(
    @Param('id', id) complaintId: string,
    @Body() dto: SetTeamDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<TeamMemberView[]> {
    return this.handling.setTeam(complaintId, dto, actor);
  }

  @Get('team')
  @ApiOperation({ summary: 'The joint handling team' })
  @ApiOkResponse({ type: [TeamMemberView] })
  team(@Param('id', id) complaintId: string): Promise<TeamMemberView[]> {
    return this.handling.team(complaintId);
  }

  @Post('plan')
  @ApiOperation({ summary: "Add a step to the joint team's plan" })
  @ApiCreatedResponse({ type: PlanStepView })
  addStep(
    @Param('id', id) complaintId: string,
    @Body() dto: AddPlanStepDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<PlanStepView> {
    return this.handling.addPlanStep(complaintId, dto, actor);
  }

  @Patch('plan/:stepId')
  @ApiOperation({ summary: 'Mark a step done (with its outcome) or open again' })
  @ApiOkResponse({ type: PlanStepView })
  updateStep(
    @Param('id', id) complaintId: string,
    @Param('stepId', new ParseUUIDPipe()) stepId: string,
    @Body() dto: UpdatePlanStepDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<PlanStepView> {
    return this.handling.updatePlanStep(complaintId, stepId, dto, actor);
  }

  @Get('plan')
  @ApiOperation({ summary: "The joint team's plan, in order" })
  @ApiOkResponse({ type: [PlanStepView] })
  plan(@Param('id', id) complaintId: string): Promise<PlanStepView[]> {
    return this.handling.plan(complaintId);
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate filed on another channel into this complaint' })
  @ApiOkResponse({ type: ComplaintView, description: 'The surviving complaint' })
  @ApiProblem(409, 'Cannot merge')
  merge(
    @Param('id', id) complaintId: string,
    @Body() dto: MergeDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.handling.merge(complaintId, dto.duplicateId, actor);
  }
}
