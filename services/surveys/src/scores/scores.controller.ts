import { AdminController, ApiProblem, csvRow } from '@cx/platform';
import { Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ScoresQuery } from './dto/scores.query';
import { TrendsQuery } from './dto/trends.query';
import { ScoresService } from './scores.service';
import { AlertView, ScoresView, TrendPointView, TrendsView } from './scores.view';

/** The quality lead's scores and open alerts. */
@AdminController('scores')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get()
  @ApiOperation({
    summary:
      'CSAT, NPS, averages, distributions and response rates by store, touchpoint, employee or questionnaire',
  })
  @ApiOkResponse({ type: ScoresView })
  @ApiProblem(400, 'A filter or the period is invalid (the field is named)')
  get(@Query() q: ScoresQuery): Promise<ScoresView> {
    return this.scores.summary(q);
  }

  @Get('scores.csv')
  @ApiOperation({ summary: 'The same scores as CSV, one row per group' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'One row per group (RFC 4180, header row, no personal data)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblem(400, 'A filter or the period is invalid (the field is named)')
  async csv(@Query() q: ScoresQuery): Promise<StreamableFile> {
    const s = await this.scores.summary(q);
    const header = csvRow([
      s.groupBy,
      'from',
      'to',
      'responses',
      'satisfaction',
      'csat_answers',
      'csat',
      'csat_average',
      ...[1, 2, 3, 4, 5].map((n) => `csat_${n}`),
      'nps_answers',
      'nps',
      'nps_average',
      'promoters',
      'passives',
      'detractors',
      'invited',
      'response_rate',
    ]);
    const rows = s.groups.map((g) =>
      csvRow([
        g.key,
        s.from,
        s.to,
        g.responses,
        g.satisfaction,
        g.csat.answers,
        g.csat.score,
        g.csat.average,
        ...g.csat.distribution,
        g.nps.answers,
        g.nps.score,
        g.nps.average,
        g.nps.promoters,
        g.nps.passives,
        g.nps.detractors,
        g.invited,
        g.responseRate,
      ]),
    );
    return new StreamableFile(Buffer.from(header + rows.join(''), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="surveys-scores-${s.groupBy}.csv"`,
    });
  }

  @Get('trends')
  @ApiOperation({
    summary:
      'Scores per week, month or quarter of a store, touchpoint or employee, each beside the period before it',
  })
  @ApiOkResponse({ type: TrendsView })
  @ApiProblem(400, 'A filter, the interval or the period is invalid (the field is named)')
  trends(@Query() q: TrendsQuery): Promise<TrendsView> {
    return this.scores.trends(q);
  }

  @Get('trends.csv')
  @ApiOperation({ summary: 'The same trend as CSV, one row per period with the period before beside it' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'One row per period, oldest first (RFC 4180, header row, no personal data)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblem(400, 'A filter, the interval or the period is invalid (the field is named)')
  async trendsCsv(@Query() q: TrendsQuery): Promise<StreamableFile> {
    const t = await this.scores.trends(q);
    const figures = (p: TrendPointView) => [
      p.responses,
      p.satisfaction,
      p.csat.score,
      p.csat.average,
      p.nps.score,
      p.nps.average,
      p.invited,
      p.responseRate,
    ];
    const names = [
      'responses',
      'satisfaction',
      'csat',
      'csat_average',
      'nps',
      'nps_average',
      'invited',
      'response_rate',
    ];
    const header = csvRow(['from', 'to', ...names, ...names.map((n) => `previous_${n}`)]);
    const rows = t.periods.map((p) => csvRow([p.from, p.to, ...figures(p), ...figures(p.previous)]));
    return new StreamableFile(Buffer.from(header + rows.join(''), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="surveys-trend-${t.interval}.csv"`,
    });
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Open early-warning alerts (below target, not yet recovered)' })
  @ApiOkResponse({ type: [AlertView] })
  alerts(): Promise<AlertView[]> {
    return this.scores.openAlerts();
  }
}
