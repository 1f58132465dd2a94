import { AdminController, ApiProblem } from '@cx/platform';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CoverageQuery, OverdueQuery } from './dto/coverage.query';
import { CoverageService } from './coverage.service';
import { CoverageReportView, OverdueView } from './coverage.view';

/** Coverage of the service-process training against the 100 %-within-3-months target. */
@AdminController('coverage')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Get()
  @ApiOperation({
    summary: 'Share of staff trained in time, for deadlines in the period, per store and department',
  })
  @ApiOkResponse({ type: CoverageReportView })
  @ApiProblem(
    400,
    'A bound, the zone or a filter is invalid, or the period is empty or longer than 12 months',
  )
  report(@Query() query: CoverageQuery): Promise<CoverageReportView> {
    return this.coverage.report(query);
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Staff past their deadline without the service-process training' })
  @ApiOkResponse({ type: [OverdueView] })
  @ApiProblem(400, 'A filter is invalid')
  overdue(@Query() query: OverdueQuery): Promise<OverdueView[]> {
    return this.coverage.overdue(query);
  }
}
