import { ScorecardReplyV1, ScorecardRequestV1 } from '../common/scorecard';
import { defineRequest } from '../registry';

export const getTrainingScorecardV1 = defineRequest(
  'rpc.training.get-scorecard.v1',
  ScorecardRequestV1,
  ScorecardReplyV1,
  {
    description:
      "training's figures of the company CX scorecard (service-process training coverage and employee satisfaction) for a period and store, each with its target and the previous period; surveys' periodic CX report gathers them.",
    consumers: ['surveys'],
  },
);
