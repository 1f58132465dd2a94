import { AdminController, ApiProblem, csvAttachment, CurrentPrincipal, Principal } from '@cx/platform';
import { Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { MonthParams } from '../scorecard/dto/scorecard.dto';
import { AnalyticsService, CsvExport } from './analytics.service';
import { TrainingAnalyticsView } from './analytics.view';
import { YearQuery } from './dto/analytics.query';

const csvFile = ({ filename, body }: CsvExport) => csvAttachment(filename, body);

const CSV_RESPONSE = {
  description: 'RFC 4180, header row, no personal data',
  content: { 'text/csv': { schema: { type: 'string' } } },
};

/** The training lead's analytics: completion and pass rates per month, CSV exports. */
@AdminController('analytics', { tag: 'admin: analytics' })
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('training')
  @ApiOperation({
    summary: 'Enrolments, completions, failures, attempts, completion and pass rates per month of a year',
  })
  @ApiOkResponse({ type: TrainingAnalyticsView })
  @ApiProblem(400, 'year is not a year')
  training(@Query() query: YearQuery): Promise<TrainingAnalyticsView> {
    return this.analytics.training(query.year);
  }

  @Get('training.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same, as CSV (the export is audited)' })
  @ApiOkResponse(CSV_RESPONSE)
  @ApiProblem(400, 'year is not a year')
  async trainingCsv(
    @Query() query: YearQuery,
    @CurrentPrincipal() actor: Principal,
  ): Promise<StreamableFile> {
    return csvFile(await this.analytics.trainingCsv(query.year, actor));
  }

  @Get('leaderboard.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "The month's employee leaderboard as CSV (the export is audited)" })
  @ApiOkResponse(CSV_RESPONSE)
  @ApiProblem(400, 'Not a month YYYY-MM')
  async scorecardsCsv(
    @Query() query: MonthParams,
    @CurrentPrincipal() actor: Principal,
  ): Promise<StreamableFile> {
    return csvFile(await this.analytics.scorecardsCsv(query.month, actor));
  }
}
