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
import { AuditRepository } from '../audit/audit.repository';
import { AUDIT_PASS_RATE_TARGET } from '../audit/audit.rules';
import { ScoresRepository } from '../scores/scores.repository';
import { SettingsRepository } from '../settings/settings.repository';

/**
 * Surveys' part of the company CX scorecard (docs/scorecard.md): customer satisfaction (answers judged
 * satisfied, as GET /admin/scores counts them) against the lead's satisfaction target, and the
 * mystery-shopper pass rate (completed audits that passed, as GET /admin/audits/pass-rates) against 95 %.
 */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly scores: ScoresRepository,
    private readonly audits: AuditRepository,
    private readonly settings: SettingsRepository,
    private readonly clock: Clock,
  ) {}

  async view(query: ScorecardQuery): Promise<ScorecardView> {
    const scope = resolveScorecardScope(query, this.clock.now());
    return toScorecardView(scope, await this.figures(scope));
  }

  async figures(scope: ScorecardScope): Promise<ScorecardFigureV1[]> {
    const [satisfiedNow, satisfiedBefore, passedNow, passedBefore, settings] = await Promise.all([
      this.satisfied(scope, scope.from, scope.to),
      this.satisfied(scope, scope.previousFrom, scope.from),
      this.passed(scope, scope.from, scope.to),
      this.passed(scope, scope.previousFrom, scope.from),
      this.settings.settings(),
    ]);
    return [
      scorecardFigure('satisfaction', satisfiedNow, satisfiedBefore, {
        operator: '>=',
        value: settings.satisfactionTarget,
        basis: 'surveys settings satisfactionTarget (seeds 001, 004: 90 %)',
      }),
      scorecardFigure('audit-pass-rate', passedNow, passedBefore, {
        operator: '>=',
        value: AUDIT_PASS_RATE_TARGET,
        basis: 'seed 001: mystery-shopper pass rate >= 95 %',
      }),
    ];
  }

  private async satisfied(scope: ScorecardScope, from: Date, to: Date): Promise<Ratio> {
    const counts = await this.scores.counts(
      'all',
      from,
      to,
      scope.storeId === null ? {} : { storeId: scope.storeId },
    );
    const all = [...counts.values()][0];
    return { numerator: all?.satisfied ?? 0, denominator: all?.responses ?? 0 };
  }

  private async passed(scope: ScorecardScope, from: Date, to: Date): Promise<Ratio> {
    const stores = (await this.audits.passCounts(from, to)).filter(
      (r) => scope.storeId === null || r.store_id === scope.storeId,
    );
    return {
      numerator: stores.reduce((n, r) => n + Number(r.passed), 0),
      denominator: stores.reduce((n, r) => n + Number(r.audits), 0),
    };
  }
}
