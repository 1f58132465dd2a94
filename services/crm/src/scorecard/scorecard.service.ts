import { ScorecardFigureV1 } from '@cx/contracts';
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
import { AnalyticsRepository } from '../analytics/analytics.repository';
import { REPURCHASE_TARGET_CHANGE, RepurchaseFigures, repurchaseRate } from '../analytics/kpis';
import { Span, yearEarlier } from '../analytics/period';
import { ScorecardRepository } from './scorecard.repository';

const ratio = (f: RepurchaseFigures) => ({ numerator: f.repeaters, denominator: f.buyers });

/**
 * Crm's part of the company CX scorecard (docs/scorecard.md): the member repurchase rate (buyers with
 * two or more purchases over buyers), held to +15 % on the same period a year earlier (seed 001), so
 * its level is last year's rate × 1.15; without buyers a year earlier there is no level.
 */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly scorecard: ScorecardRepository,
    private readonly clock: Clock,
  ) {}

  async view(query: ScorecardQuery): Promise<ScorecardView> {
    const scope = resolveScorecardScope(query, this.clock.now());
    return toScorecardView(scope, await this.figures(scope));
  }

  async figures(scope: ScorecardScope): Promise<ScorecardFigureV1[]> {
    const now: Span = { from: scope.from, to: scope.to };
    // Instants a year back in UTC: the gatherer's request carries instants, not a zone.
    const spans = [now, { from: scope.previousFrom, to: scope.from }, yearEarlier(now, 'UTC')];
    const [current, previous, lastYear] =
      scope.storeId === null
        ? await this.analytics.repurchase(spans)
        : await this.scorecard.repurchaseAtStore(spans, scope.storeId);
    const lastYearRate = repurchaseRate(lastYear);
    return [
      scorecardFigure(
        'repurchase-rate',
        ratio(current),
        ratio(previous),
        lastYearRate === null
          ? null
          : {
              operator: '>=',
              value: lastYearRate * (1 + REPURCHASE_TARGET_CHANGE),
              basis: `seed 001: +15 % on the same period a year earlier (${lastYear.repeaters} of ${lastYear.buyers})`,
            },
      ),
    ];
  }
}
