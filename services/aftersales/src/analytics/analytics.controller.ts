import { AdminController, ApiProblem } from '@cx/platform';
import { Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { AnalyticsQuery, AnalyticsService } from './analytics.service';
import { AftersalesKpisView } from './analytics.view';

/** The after-sales lead's dashboard: response, resolution, satisfaction, returns by reason, repairs, costs. */
@AdminController('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('kpis')
  @ApiOperation({ summary: 'KPIs of a period (default the last 30 days) against the targets of seed 004' })
  @ApiOkResponse({ type: AftersalesKpisView })
  @ApiProblem(400, 'The period or the store is invalid')
  kpis(@Query() query: AnalyticsQuery): Promise<AftersalesKpisView> {
    return this.analytics.kpis(query);
  }

  @Get('returns.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="returns.csv"')
  @ApiOperation({ summary: "The period's returns as CSV (RFC 4180, header row, no personal data)" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblem(400, 'The period or the store is invalid')
  returnsCsv(@Query() query: AnalyticsQuery): Promise<string> {
    return this.analytics.returnsCsv(query);
  }
}
