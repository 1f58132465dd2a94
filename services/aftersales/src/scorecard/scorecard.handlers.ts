import { ScorecardReplyV1, ScorecardRequestV1, Subjects } from '@cx/contracts';
import { OnRequest, scorecardScopeOf } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { ScorecardService } from './scorecard.service';

/** Training gathers the company scorecard: one replica answers (queue group). */
@Controller()
export class ScorecardHandlers {
  constructor(private readonly scorecard: ScorecardService) {}

  @OnRequest(Subjects.aftersales.getScorecard)
  async answer(req: ScorecardRequestV1): Promise<ScorecardReplyV1> {
    return { figures: await this.scorecard.figures(scorecardScopeOf(req)) };
  }
}
