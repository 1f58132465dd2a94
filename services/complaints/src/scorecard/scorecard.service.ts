import { ScorecardFigureCode, ScorecardFigureV1 } from '@cx/contracts';
import {
  Clock,
  resolveScorecardScope,
  ScorecardQuery,
  ScorecardScope,
  scorecardFigure,
  ScorecardView,
  toScorecardView,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { AnalyticsService } from '../analytics/analytics.service';
import { KpisView, RateKpiView } from '../analytics/analytics.view';

/** The complaint figures of the company scorecard, and the KPI each is read from. */
const FIGURES: [ScorecardFigureCode, (k: KpisView) => RateKpiView][] = [
  ['complaint-rate', (k) => k.complaintRate],
  ['first-response-in-time', (k) => k.firstResponseSla],
  ['solution-in-time', (k) => k.resolutionSla],
  ['resolution-rate', (k) => k.resolutionRate],
  ['repeat-complaints', (k) => k.repeatRate],
];

/**
 * Complaints' part of the company CX scorecard (docs/scorecard.md): the lead's KPIs of the period and
 * of the period before, as the scorecard's figures. The KPI document stays the one place they are
 * counted and judged; this only picks five of them.
 */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly clock: Clock,
  ) {}

  async view(query: ScorecardQuery): Promise<ScorecardView> {
    const scope = resolveScorecardScope(query, this.clock.now());
    return toScorecardView(scope, await this.figures(scope));
  }

  async figures(scope: ScorecardScope): Promise<ScorecardFigureV1[]> {
    const kpis = (from: Date, to: Date) =>
      this.analytics.kpis({
        from: from.toISOString(),
        to: to.toISOString(),
        ...(scope.storeId === null ? {} : { storeId: scope.storeId }),
      });
    const [now, before] = await Promise.all([
      kpis(scope.from, scope.to),
      kpis(scope.previousFrom, scope.from),
    ]);
    return FIGURES.map(([figure, kpi]) => {
      const target = kpi(now).target;
      return scorecardFigure(
        figure,
        kpi(now),
        kpi(before),
        target && { operator: target.operator, value: target.value, basis: target.source },
      );
    });
  }
}
