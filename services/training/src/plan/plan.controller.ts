import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CreatePlanDto } from './dto/plan.dto';
import { PlanService } from './plan.service';
import { PlanView } from './plan.view';

/** Yearly training plans by store, department or role. */
@AdminController('plans')
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @Post()
  @ApiOperation({ summary: 'Add a yearly plan: its current staff are enrolled in its courses (not yet due)' })
  @ApiCreatedResponse({ type: PlanView })
  @ApiProblem(
    400,
    'A field is invalid (each one is named), a due date outside the year, or an unknown course',
  )
  @ApiProblem(409, 'The code is taken (PLAN_CODE_TAKEN)')
  create(@Body() dto: CreatePlanDto, @CurrentPrincipal() actor: Principal): Promise<PlanView> {
    return this.plans.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Every plan, newest year first' })
  @ApiOkResponse({ type: [PlanView] })
  list(): Promise<PlanView[]> {
    return this.plans.list();
  }
}
