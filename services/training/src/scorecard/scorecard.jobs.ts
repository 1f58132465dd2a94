import { ScheduledJobs } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { TrainingConfig } from '../config';
import { ScorecardRepository } from './scorecard.repository';
import { ScorecardService } from './scorecard.service';

const JOB = 'training.scorecard-recompute';

/**
 * Every SCORECARD_RECOMPUTE_INTERVAL_MS, recomputes the open months that late or new events made stale.
 * Every replica runs it; a month is claimed with FOR UPDATE SKIP LOCKED, so two replicas never compute
 * the same month at once.
 */
@Injectable()
export class ScorecardJobs extends ScheduledJobs {
  constructor(
    private readonly scorecards: ScorecardRepository,
    private readonly service: ScorecardService,
    config: TrainingConfig,
  ) {
    super('ScorecardJobs');
    this.scheduler.every(JOB, config.SCORECARD_RECOMPUTE_INTERVAL_MS, () => this.recomputeStaleOnce());
  }

  /** One round now (tests, ops): the months recomputed. */
  async recomputeStaleOnce(): Promise<string[]> {
    const done: string[] = [];
    for (const month of await this.scorecards.staleMonths(24))
      if (await this.service.recompute(month, true)) done.push(month);
    return done;
  }
}
