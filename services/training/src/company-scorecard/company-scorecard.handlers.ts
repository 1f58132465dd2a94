import { ScorecardReplyV1, ScorecardRequestV1, Subjects } from '@cx/contracts';
import { OnRequest, scorecardScopeOf } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { CompanyScorecardService } from './company-scorecard.service';

/** Surveys' periodic CX report gathers training's two figures too: one replica answers (queue group). */
@Controller()
export class CompanyScorecardHandlers {
  constructor(private readonly scorecard: CompanyScorecardService) {}

  @OnRequest(Subjects.training.getScorecard)
  async answer(req: ScorecardRequestV1): Promise<ScorecardReplyV1> {
    const scope = scorecardScopeOf(req);
    return { figures: await this.scorecard.figures(scope, scope.timeZone) };
  }
}
