import { AdminController, ApiProblem, ScorecardQuery } from '@cx/platform';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CompanyScorecardService } from './company-scorecard.service';
import { CompanyScorecardView } from './company-scorecard.view';

@AdminController('company-scorecard', { tag: 'admin: company scorecard' })
export class CompanyScorecardController {
  constructor(private readonly scorecard: CompanyScorecardService) {}

  @Get()
  @ApiOperation({
    summary:
      'The company CX scorecard: every figure of the targets table from the service that owns it, with its target, the previous period, the trend and whether it is missed',
  })
  @ApiOkResponse({ type: CompanyScorecardView })
  @ApiProblem(400, 'Bad period (to not after from, longer than 12 months), time zone or store')
  show(@Query() query: ScorecardQuery): Promise<CompanyScorecardView> {
    return this.scorecard.view(query);
  }
}
