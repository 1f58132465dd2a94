import { ScorecardReplyV1, ScorecardRequestV1 } from '../common/scorecard';
import { defineRequest } from '../registry';

export const getCrmScorecardV1 = defineRequest(
  'rpc.crm.get-scorecard.v1',
  ScorecardRequestV1,
  ScorecardReplyV1,
  {
    description:
      "crm's figures of the company CX scorecard (repurchase rate) for a period and store, each with its target and the previous period; training gathers them.",
    consumers: ['training', 'surveys'],
  },
);
