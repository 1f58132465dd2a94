import { AuditLog, csvRow, CsvValue, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { TrainingConfig } from '../config';
import { ScorecardService } from '../scorecard/scorecard.service';
import { AnalyticsRepository } from './analytics.repository';
import { monthFigures, monthsOf, yearSpan } from './analytics.rules';
import { TrainingAnalyticsView } from './analytics.view';

export interface CsvExport {
  filename: string;
  body: string;
}

/** The training lead's figures: enrolments, completion and pass rates per month; CSV exports. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly scorecards: ScorecardService,
    private readonly audit: AuditLog,
    private readonly config: TrainingConfig,
  ) {}

  async training(year: number): Promise<TrainingAnalyticsView> {
    const timeZone = this.config.TRAINING_DEFAULT_TIME_ZONE;
    const { from, to } = yearSpan(year, timeZone);
    const counts = await this.analytics.monthly(from, to, timeZone);
    const zero = { enrolled: 0, completed: 0, failed: 0, attempts: 0, passed: 0 };
    return { year, timeZone, months: monthsOf(year).map((m) => monthFigures(m, counts.get(m) ?? zero)) };
  }

  async trainingCsv(year: number, actor: Principal): Promise<CsvExport> {
    const view = await this.training(year);
    const rows: CsvValue[][] = [
      [
        'month',
        'enrolled',
        'completed',
        'failed',
        'attempts',
        'passed',
        'completion_rate_pct',
        'pass_rate_pct',
      ],
      ...view.months.map((m) => [
        m.month,
        m.enrolled,
        m.completed,
        m.failed,
        m.attempts,
        m.passed,
        m.completionRatePct,
        m.passRatePct,
      ]),
    ];
    return this.export(`training-${year}.csv`, rows, actor);
  }

  /** The month's leaderboard: employee numbers, stores, scores and ranks (no names). */
  async scorecardsCsv(month: string, actor: Principal): Promise<CsvExport> {
    const cards = await this.scorecards.cards(month, 'employee');
    const rows: CsvValue[][] = [
      ['month', 'employee_id', 'store_id', 'score', 'clears_minimums', 'rank_overall', 'rank_in_store'],
      ...cards.map((c) => [
        month,
        c.subjectId,
        c.storeId,
        c.score,
        c.clearsMinimums,
        c.rankOverall,
        c.rankInStore,
      ]),
    ];
    return this.export(`scorecards-${month}.csv`, rows, actor);
  }

  /** Exports are audited like reads of staff data: who took which file (ids only, no personal fields). */
  private async export(filename: string, rows: CsvValue[][], actor: Principal): Promise<CsvExport> {
    await this.audit.record({
      actor,
      action: 'export',
      subjectType: 'training-export',
      subjectId: filename,
      fields: [],
    });
    return { filename, body: rows.map(csvRow).join('') };
  }
}
