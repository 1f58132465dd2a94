import { Clock, ScheduledJobs } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ComplaintsConfig } from '../config';
import { KpiAlertService } from './kpi-alert.service';

/** Early warning every ALERT_SWEEP_INTERVAL_MS (KpiAlertService.checkOnce; one replica writes at a time). */
@Injectable()
export class EarlyWarningSweeper extends ScheduledJobs {
  constructor(alerts: KpiAlertService, clock: Clock, config: ComplaintsConfig) {
    super('EarlyWarningSweeper');
    this.scheduler.every('complaints.early-warning', config.ALERT_SWEEP_INTERVAL_MS, () =>
      alerts.checkOnce(clock.now()),
    );
  }
}
