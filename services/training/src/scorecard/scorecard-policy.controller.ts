import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ScorecardPolicyDto } from './dto/scorecard.dto';
import { ScorecardService } from './scorecard.service';
import { ScorecardPolicyView } from './scorecard.view';

/** The lead's scorecard settings: weights, minimum samples, star employees per month. */
@AdminController('policies/scorecard')
export class ScorecardPolicyController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Get()
  @ApiOperation({ summary: 'Weights, minimum samples and star employees per month' })
  @ApiOkResponse({ type: ScorecardPolicyView })
  get(): Promise<ScorecardPolicyView> {
    return this.scorecards.policy();
  }

  @Put()
  @ApiOperation({
    summary:
      'Change them (every open month is marked stale and recomputed by the next job run; closed ones stay)',
  })
  @ApiOkResponse({ type: ScorecardPolicyView })
  @ApiProblem(400, 'A field is invalid (each one is named), or every weight is 0')
  set(@Body() dto: ScorecardPolicyDto, @CurrentPrincipal() actor: Principal): Promise<ScorecardPolicyView> {
    return this.scorecards.setPolicy(dto, actor);
  }
}
