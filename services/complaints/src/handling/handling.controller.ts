import { ApiProblem, CurrentPrincipal, Principal, Roles } from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ComplaintCommentEntity,
  ComplaintHistoryEntity,
  PlanStepEntity,
  TeamMemberEntity,
} from '../complaint/complaint.entity';
import { ComplaintView } from '../complaint/complaint.view';
import {
  AddPlanStepDto,
  AssignDto,
  CommentDto,
  MergeDto,
  PauseDto,
  SetTeamDto,
  TransferDto,
  UpdatePlanStepDto,
} from '../complaint/dto/actions.dto';
import { HandlingService } from './handling.service';

const id = new ParseUUIDPipe();

@ApiTags('complaints')
@Roles('agent', 'lead')
@Controller('complaints/:id')
export class HandlingController {
  constructor(private readonly handling: HandlingService) {}

  @Post('transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand the complaint to another owner, with the reason on record' })
  @ApiProblem(403, 'Only the owner, a lead or an admin may transfer')
  transfer(
    @Param('id', id) complaintId: string,
    @Body() dto: TransferDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.handling.transfer(complaintId, dto, actor);
  }

  @Post('assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign to a department (a second department makes it a joint case)' })
  assign(
    @Param('id', id) complaintId: string,
    @Body() dto: AssignDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.handling.assign(complaintId, dto, actor);
  }

  @Post('comments')
  @ApiOperation({ summary: 'Add an internal or customer-visible comment' })
  comment(
    @Param('id', id) complaintId: string,
    @Body() dto: CommentDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintCommentEntity> {
    return this.handling.comment(complaintId, dto, actor);
  }

  @Get('comments')
  comments(@Param('id', id) complaintId: string): Promise<ComplaintCommentEntity[]> {
    return this.handling.comments(complaintId);
  }

  @Get('history')
  @ApiOperation({ summary: 'The full case file: every change, who made it and why' })
  history(@Param('id', id) complaintId: string): Promise<ComplaintHistoryEntity[]> {
    return this.handling.history(complaintId);
  }

  @Post('sla/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop the solution clock (waiting for parts, or a joint-team decision)' })
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
  @ApiProblem(409, 'Not paused')
  resume(@Param('id', id) complaintId: string, @CurrentPrincipal() actor: Principal): Promise<ComplaintView> {
    return this.handling.resume(complaintId, actor);
  }

  @Get('sla')
  @ApiOperation({ summary: 'Explain the SLA clocks: targets, calendar, pauses, met or breached' })
  sla(@Param('id', id) complaintId: string): Promise<unknown> {
    return this.handling.slaExplanation(complaintId);
  }

  @Put('team')
  @ApiOperation({ summary: 'Set the joint handling team of a major or multi-department complaint' })
  setTeam(
    @Param('id', id) complaintId: string,
    @Body() dto: SetTeamDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<TeamMemberEntity[]> {
    return this.handling.setTeam(complaintId, dto, actor);
  }

  @Get('team')
  team(@Param('id', id) complaintId: string): Promise<TeamMemberEntity[]> {
    return this.handling.team(complaintId);
  }

  @Post('plan')
  @ApiOperation({ summary: "Add a step to the joint team's plan" })
  addStep(
    @Param('id', id) complaintId: string,
    @Body() dto: AddPlanStepDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<PlanStepEntity> {
    return this.handling.addPlanStep(complaintId, dto, actor);
  }

  @Patch('plan/:stepId')
  updateStep(
    @Param('id', id) complaintId: string,
    @Param('stepId', new ParseUUIDPipe()) stepId: string,
    @Body() dto: UpdatePlanStepDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<PlanStepEntity> {
    return this.handling.updatePlanStep(complaintId, stepId, dto, actor);
  }

  @Get('plan')
  plan(@Param('id', id) complaintId: string): Promise<PlanStepEntity[]> {
    return this.handling.plan(complaintId);
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate filed on another channel into this complaint' })
  @ApiProblem(409, 'Cannot merge')
  merge(
    @Param('id', id) complaintId: string,
    @Body() dto: MergeDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.handling.merge(complaintId, dto.duplicateId, actor);
  }
}
