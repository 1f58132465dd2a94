import { Clock, ScheduledJobs } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { SurveysConfig } from '../config';
import { CxReportService } from './cx-report.service';

/**
 * Makes the company's CX report of each month and quarter once it has closed (an hour after, on the
 * CX_REPORT_TIME_ZONE calendar), looking every CX_REPORT_INTERVAL_MS. Every replica looks; the unique
 * index of scheduled reports keeps one per period (ADR 41).
 */
@Injectable()
export class CxReportJobs extends ScheduledJobs {
  constructor(
    private readonly reports: CxReportService,
    private readonly clock: Clock,
    config: SurveysConfig,
  ) {
    super('CxReportJobs');
    this.scheduler.every('surveys.cx-report', config.CX_REPORT_INTERVAL_MS, () =>
      this.reports.generateDueOnce(this.clock.now()),
    );
  }
}
