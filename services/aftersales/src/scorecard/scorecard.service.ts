import { ScorecardFigureV1 } from '@cx/contracts';
import {
  Clock,
  Ratio,
  resolveScorecardScope,
  ScorecardQuery,
  ScorecardScope,
  scorecardFigure,
  ScorecardView,
  toScorecardView,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { AnalyticsRepository } from '../analytics/analytics.repository';
import { TARGETS } from '../analytics/kpis';

/**
 * After-sales' part of the company CX scorecard (docs/scorecard.md): returns resolved (completed or
 * rejected) and repairs completed over those requested in the period, as GET /admin/analytics/kpis
 * counts each, held to seed 004's 95 %.
 */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly clock: Clock,
  ) {}

  async view(query: ScorecardQuery): Promise<ScorecardView> {
    const scope = resolveScorecardScope(query, this.clock.now());
    return toScorecardView(scope, await this.figures(scope));
  }

  async figures(scope: ScorecardScope): Promise<ScorecardFigureV1[]> {
    const [now, before] = await Promise.all([
      this.resolved(scope, scope.from, scope.to),
      this.resolved(scope, scope.previousFrom, scope.from),
    ]);
    return [
      scorecardFigure('aftersales-resolution-rate', now, before, {
        operator: '>=',
        value: TARGETS.resolutionRatePct / 100,
        basis: 'seed 004: after-sales resolution rate >= 95 %',
      }),
    ];
  }

  private async resolved(scope: ScorecardScope, from: Date, to: Date): Promise<Ratio> {
    const s = { from, to, storeId: scope.storeId ?? undefined };
    const [returns, repairs] = await Promise.all([
      this.analytics.returnTotals(s),
      this.analytics.repairTotals(s),
    ]);
    return {
      numerator: returns.resolved + repairs.completed,
      denominator: returns.requested + repairs.requested,
    };
  }
}
