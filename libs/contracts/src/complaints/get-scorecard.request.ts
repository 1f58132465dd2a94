import { ScorecardReplyV1, ScorecardRequestV1 } from '../common/scorecard';
import { defineRequest } from '../registry';

export const getComplaintsScorecardV1 = defineRequest(
  'rpc.complaints.get-scorecard.v1',
  ScorecardRequestV1,
  ScorecardReplyV1,
  {
    description:
      "complaints's figures of the company CX scorecard (complaint rate, first response within 24 h, solution within 72 h, resolution rate and repeat complaints) for a period and store, each with its target and the previous period; training gathers them.",
    consumers: ['training', 'surveys'],
  },
);
