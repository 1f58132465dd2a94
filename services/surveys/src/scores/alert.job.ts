import { Clock, runExclusive, ScheduledJobs } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SurveysConfig } from '../config';
import { AlertRun, ScoresService } from './scores.service';

/** Checks the early warning every SURVEY_ALERT_INTERVAL_MS; one replica at a time (runExclusive). */
@Injectable()
export class AlertJob extends ScheduledJobs {
  constructor(
    private readonly ds: DataSource,
    private readonly scores: ScoresService,
    private readonly clock: Clock,
    config: SurveysConfig,
  ) {
    super('AlertJob');
    this.scheduler.every('surveys.alerts', config.SURVEY_ALERT_INTERVAL_MS, () =>
      this.checkOnce(this.clock.now()),
    );
  }

  /** One check at `now`; undefined when another replica is checking. */
  async checkOnce(now: Date): Promise<AlertRun | undefined> {
    return (await runExclusive(this.ds, 'surveys.alerts', (em) => this.scores.checkAlerts(em, now))).result;
  }
}
