import { Clock, ScheduledJobs } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ComplaintsConfig } from '../config';
import { CorrectiveActionService } from './corrective-action.service';

/** Every CORRECTIVE_ACTION_SWEEP_INTERVAL_MS: open actions past due are announced, once per due time. */
@Injectable()
export class CorrectiveActionSweeper extends ScheduledJobs {
  constructor(actions: CorrectiveActionService, clock: Clock, config: ComplaintsConfig) {
    super('CorrectiveActionSweeper');
    this.scheduler.every(
      'complaints.corrective-actions-overdue',
      config.CORRECTIVE_ACTION_SWEEP_INTERVAL_MS,
      () => actions.overdueOnce(clock.now()),
    );
  }
}
