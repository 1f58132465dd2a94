import { AdminController, ApiProblem } from '@cx/platform';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ScoresQuery } from './dto/scores.query';
import { ScoresService } from './scores.service';
import { AlertView, ScoresView } from './scores.view';

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

  @Get('alerts')
  @ApiOperation({ summary: 'Open early-warning alerts (below target, not yet recovered)' })
  @ApiOkResponse({ type: [AlertView] })
  alerts(): Promise<AlertView[]> {
    return this.scores.openAlerts();
  }
}
