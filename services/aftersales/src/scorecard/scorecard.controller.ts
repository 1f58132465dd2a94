import { AdminController, ApiProblem, ScorecardQuery, ScorecardView } from '@cx/platform';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ScorecardService } from './scorecard.service';

@AdminController('scorecard', { tag: 'admin: scorecard' })
export class ScorecardController {
  constructor(private readonly scorecard: ScorecardService) {}

  @Get()
  @ApiOperation({
    summary:
      'The after-sales resolution rate (returns and repairs) of the company CX scorecard, with its 95 % target and the previous period',
  })
  @ApiOkResponse({ type: ScorecardView })
  @ApiProblem(400, 'Bad period (to not after from, longer than 12 months), time zone or store')
  show(@Query() query: ScorecardQuery): Promise<ScorecardView> {
    return this.scorecard.view(query);
  }
}
