import { IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';
import { CorrectiveActionFields } from './corrective-action-fields';

/**
 * A corrective action is still open after its due time (`dueAt`, the one it missed): remind its owner
 * and department, once per due time.
 */
export class CorrectiveActionOverdueV1 extends CorrectiveActionFields {
  /** When the sweep found it overdue. */
  @IsTimestamp() detectedAt!: string;
}

export const correctiveActionOverdueV1 = defineEvent(
  'evt.complaints.corrective-action.overdue.v1',
  CorrectiveActionOverdueV1,
  {
    description: 'A corrective action is still open after its due time; sent once per due time.',
  },
);
