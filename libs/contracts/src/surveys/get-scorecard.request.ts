import { ScorecardReplyV1, ScorecardRequestV1 } from '../common/scorecard';
import { defineRequest } from '../registry';

export const getSurveysScorecardV1 = defineRequest(
  'rpc.surveys.get-scorecard.v1',
  ScorecardRequestV1,
  ScorecardReplyV1,
  {
    description:
      "surveys's figures of the company CX scorecard (customer satisfaction and the mystery-shopper pass rate) for a period and store, each with its target and the previous period; training gathers them.",
    consumers: ['training'],
  },
);
