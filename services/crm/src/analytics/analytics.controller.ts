import { AdminController, ApiProblem, csvAttachment, CurrentPrincipal, Principal } from '@cx/platform';
import { Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { SegmentsView } from '../care/care.view';
import { AnalyticsService, CsvExport } from './analytics.service';
import { BirthdayCountView, PointsView, RepurchaseView, TiersView } from './analytics.view';
import { AnalyticsQuery, BirthdayCountQuery } from './dto/analytics.query';

const csvFile = ({ filename, stream }: CsvExport) => csvAttachment(filename, stream);

const CSV_RESPONSE = {
  description: 'One row per period (RFC 4180, header row, no personal data)',
  content: { 'text/csv': { schema: { type: 'string' } } },
};

/** The CRM lead's dashboard: members and movement per tier, repurchase against last year, points, segments. */
@AdminController('analytics', { tag: 'admin: analytics' })
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('tiers')
  @ApiOperation({ summary: 'Members per tier now, and upgrades, downgrades and first tiers per period' })
  @ApiOkResponse({ type: TiersView })
  @ApiProblem(400, 'Bad range (to not after from, longer than 36 months), period or time zone')
  tiers(@Query() query: AnalyticsQuery): Promise<TiersView> {
    return this.analytics.tiers(query);
  }

  @Get('repurchase')
  @ApiOperation({
    summary:
      'Repurchase rate per period (customers with two or more purchases over those with one or more) against the same period a year earlier and the +15 % target',
  })
  @ApiOkResponse({ type: RepurchaseView })
  @ApiProblem(400, 'Bad range (to not after from, longer than 36 months), period or time zone')
  repurchase(@Query() query: AnalyticsQuery): Promise<RepurchaseView> {
    return this.analytics.repurchase(query);
  }

  @Get('points')
  @ApiOperation({
    summary: 'Points issued, redeemed, expired and reversed per period, and the outstanding liability',
  })
  @ApiOkResponse({ type: PointsView })
  @ApiProblem(400, 'Bad range (to not after from, longer than 36 months), period or time zone')
  points(@Query() query: AnalyticsQuery): Promise<PointsView> {
    return this.analytics.points(query);
  }

  @Get('segments')
  @ApiOperation({ summary: 'Segment sizes at the last recompute' })
  @ApiOkResponse({ type: SegmentsView })
  segments(): Promise<SegmentsView> {
    return this.analytics.segmentSizes();
  }

  @Get('birthdays')
  @ApiOperation({
    summary: 'How many customers with marketing consent have a birthday in the next days (not who)',
  })
  @ApiOkResponse({ type: BirthdayCountView })
  @ApiProblem(400, 'days out of 1..60 or an unknown time zone')
  birthdays(@Query() query: BirthdayCountQuery): Promise<BirthdayCountView> {
    return this.analytics.birthdayCount(query);
  }

  @Get('tiers.csv')
  @ApiOperation({ summary: 'Tier changes per period and from/to tier, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_RESPONSE)
  @ApiProblem(400, 'Bad range (to not after from, longer than 36 months), period or time zone')
  @Header('Cache-Control', 'no-store')
  async tiersCsv(
    @Query() query: AnalyticsQuery,
    @CurrentPrincipal() who: Principal,
  ): Promise<StreamableFile> {
    return csvFile(await this.analytics.tiersCsv(query, who.sub));
  }

  @Get('repurchase.csv')
  @ApiOperation({ summary: 'Repurchase rate per period with last year and the target, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_RESPONSE)
  @ApiProblem(400, 'Bad range (to not after from, longer than 36 months), period or time zone')
  @Header('Cache-Control', 'no-store')
  async repurchaseCsv(
    @Query() query: AnalyticsQuery,
    @CurrentPrincipal() who: Principal,
  ): Promise<StreamableFile> {
    return csvFile(await this.analytics.repurchaseCsv(query, who.sub));
  }

  @Get('points.csv')
  @ApiOperation({ summary: 'Points issued, redeemed, expired and reversed per period, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_RESPONSE)
  @ApiProblem(400, 'Bad range (to not after from, longer than 36 months), period or time zone')
  @Header('Cache-Control', 'no-store')
  async pointsCsv(
    @Query() query: AnalyticsQuery,
    @CurrentPrincipal() who: Principal,
  ): Promise<StreamableFile> {
    return csvFile(await this.analytics.pointsCsv(query, who.sub));
  }
}
