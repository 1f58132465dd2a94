import { AdminController, ApiProblem, csvAttachment, CurrentPrincipal, Principal } from '@cx/platform';
import { Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { AnalyticsService } from './analytics.service';
import { AnalyticsQuery, CompensationCostQuery, CountsQuery, HotSpotsQuery } from './dto/analytics.query';
import { CompensationCostView, CountsView, HotSpotsView, KpisView } from './analytics.view';

/** The complaints lead's dashboard: counts, hot spots, KPIs against the scorecard, and the ledger as CSV. */
@AdminController('', { tag: 'admin: analytics' })
@ApiProblem(400, 'Bad period (to not after from, longer than two years), unknown time zone or filter')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('analytics/counts')
  @ApiOperation({
    summary:
      'Complaints received in the period, grouped by category, store, channel, product, owner, or day/week/month',
  })
  @ApiOkResponse({ type: CountsView })
  counts(@Query() query: CountsQuery): Promise<CountsView> {
    return this.analytics.counts(query);
  }

  @Get('analytics/compensation-cost')
  @ApiOperation({
    summary:
      'What the complaints received in the period cost in compensation, per category or store and currency',
  })
  @ApiOkResponse({ type: CompensationCostView })
  compensationCost(@Query() query: CompensationCostQuery): Promise<CompensationCostView> {
    return this.analytics.compensationCost(query);
  }

  @Get('analytics/hot-spots')
  @ApiOperation({
    summary: 'Top categories, stores and products, each with its count in the previous period and the change',
  })
  @ApiOkResponse({ type: HotSpotsView })
  hotSpots(@Query() query: HotSpotsQuery): Promise<HotSpotsView> {
    return this.analytics.hotSpots(query);
  }

  @Get('analytics/kpis')
  @ApiOperation({
    summary:
      'SLA compliance, resolution, repeat, reopen and complaint rates, satisfaction, handling times; each with its target',
  })
  @ApiOkResponse({ type: KpisView })
  kpis(@Query() query: AnalyticsQuery): Promise<KpisView> {
    return this.analytics.kpis(query);
  }

  @Get('complaints/export.csv')
  @ApiOperation({
    summary:
      'The complaint ledger of the period as CSV (RFC 4180, header row, no personal data columns), streamed',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'One row per complaint received in the period, oldest first',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @Header('Cache-Control', 'no-store')
  exportCsv(@Query() query: AnalyticsQuery, @CurrentPrincipal() who: Principal): StreamableFile {
    const { filename, stream } = this.analytics.exportLedger(query, who.sub);
    return csvAttachment(filename, stream);
  }
}
