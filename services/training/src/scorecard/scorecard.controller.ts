import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AwardsQuery, CardsQuery, MonthParams, StaffSatisfactionDto } from './dto/scorecard.dto';
import { ScorecardService } from './scorecard.service';
import { AwardView, MonthView, ScorecardView } from './scorecard.view';

/** Monthly scorecards of employees and stores, the month's closing, and award history. */
@AdminController('scorecards')
export class ScorecardController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Get('awards')
  @ApiOperation({ summary: 'Star service employees awarded in closed months, from..to (YYYY-MM, included)' })
  @ApiOkResponse({ type: [AwardView] })
  @ApiProblem(400, 'from or to is not a month, or to is before from')
  awards(@Query() query: AwardsQuery): Promise<AwardView[]> {
    return this.scorecards.awards(query.from, query.to);
  }

  @Get(':month')
  @ApiOperation({
    summary: "A month's status: open or closed, stale (new facts not yet counted), late facts",
  })
  @ApiOkResponse({ type: MonthView })
  @ApiProblem(400, 'Not a month YYYY-MM')
  month(@Param() params: MonthParams): Promise<MonthView> {
    return this.scorecards.month(params.month);
  }

  @Get(':month/employees')
  @ApiOperation({
    summary: "Employees' scorecards of the month, best first, ranked overall and within their store",
  })
  @ApiOkResponse({ type: [ScorecardView] })
  @ApiProblem(400, 'Not a month YYYY-MM, or storeId is invalid')
  employees(@Param() params: MonthParams, @Query() query: CardsQuery): Promise<ScorecardView[]> {
    return this.scorecards.cards(params.month, 'employee', query.storeId);
  }

  @Get(':month/stores')
  @ApiOperation({ summary: "Stores' scorecards of the month, best first" })
  @ApiOkResponse({ type: [ScorecardView] })
  @ApiProblem(400, 'Not a month YYYY-MM')
  stores(@Param() params: MonthParams): Promise<ScorecardView[]> {
    return this.scorecards.cards(params.month, 'store');
  }

  @Post(':month/recompute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute an open month now (the scheduled job does it for stale months)' })
  @ApiOkResponse({ type: MonthView })
  @ApiProblem(400, 'Not a month YYYY-MM')
  @ApiProblem(409, 'The month is closed (MONTH_CLOSED)')
  recompute(@Param() params: MonthParams): Promise<MonthView> {
    return this.scorecards.recomputeNow(params.month);
  }

  @Post(':month/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a month: last computation, star employee awards, then frozen' })
  @ApiOkResponse({ type: MonthView })
  @ApiProblem(400, 'Not a month YYYY-MM')
  @ApiProblem(409, 'The month is closed already (MONTH_CLOSED) or not over (MONTH_NOT_OVER)')
  close(@Param() params: MonthParams, @CurrentPrincipal() actor: Principal): Promise<MonthView> {
    return this.scorecards.close(params.month, actor);
  }

  @Put(':month/staff-satisfaction')
  @ApiOperation({ summary: "Record a store's staff survey satisfaction for the month (target >= 85 %)" })
  @ApiOkResponse({ type: MonthView })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The month is closed (MONTH_CLOSED)')
  staffSatisfaction(
    @Param() params: MonthParams,
    @Body() dto: StaffSatisfactionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<MonthView> {
    return this.scorecards.setStaffSatisfaction(params.month, dto, actor);
  }
}
