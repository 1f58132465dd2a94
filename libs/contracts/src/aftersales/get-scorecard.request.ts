import { ScorecardReplyV1, ScorecardRequestV1 } from '../common/scorecard';
import { defineRequest } from '../registry';

export const getAftersalesScorecardV1 = defineRequest(
  'rpc.aftersales.get-scorecard.v1',
  ScorecardRequestV1,
  ScorecardReplyV1,
  {
    description:
      "aftersales's figures of the company CX scorecard (after-sales resolution rate (returns and repairs)) for a period and store, each with its target and the previous period; training gathers them.",
    consumers: ['training', 'surveys'],
  },
);
