import { IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';
import { CorrectiveActionFields } from './corrective-action-fields';

/** A corrective action was set against a complaint's root cause (seed 003 ch. 6, PDCA): who, what, by when. */
export class CorrectiveActionCreatedV1 extends CorrectiveActionFields {
  @IsTimestamp() createdAt!: string;
}

export const correctiveActionCreatedV1 = defineEvent(
  'evt.complaints.corrective-action.created.v1',
  CorrectiveActionCreatedV1,
  {
    description: "A corrective action against a complaint's root cause, with owner, department and due time.",
  },
);
