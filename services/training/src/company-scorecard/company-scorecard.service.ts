import { RequestSubject, ScorecardFigureV1, ServiceName, Subjects } from '@cx/contracts';
import {
  askScorecardOwners,
  Clock,
  inScorecardOrder,
  OwnedScorecardFigure,
  resolveScorecardScope,
  RpcClient,
  ScorecardQuery,
  ScorecardScope,
  scorecardFigure,
  toOwnedScorecardFigureView,
  toScorecardPeriodView,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CoverageService } from '../coverage/coverage.service';
import { COVERAGE_TARGET } from '../coverage/coverage.rules';
import { STAFF_SATISFACTION_TARGET } from '../scorecard/scorecard.rules';
import { CompanyScorecardRepository } from './company-scorecard.repository';
import { monthsStartingIn } from './company-scorecard.rules';
import { CompanyScorecardView } from './company-scorecard.view';

/** Where each other service's figures are asked for. */
const SOURCES: [ServiceName, RequestSubject][] = [
  ['crm', Subjects.crm.getScorecard],
  ['complaints', Subjects.complaints.getScorecard],
  ['aftersales', Subjects.aftersales.getScorecard],
  ['surveys', Subjects.surveys.getScorecard],
];

/**
 * The company CX scorecard (docs/scorecard.md, ADR 32): every figure of the targets table, each
 * computed by the service that owns its data. Training computes its own two (coverage, staff
 * satisfaction) and asks the four others over NATS at once; a service that does not answer is named
 * in `unavailable` and the rest is shown.
 */
@Injectable()
export class CompanyScorecardService {
  constructor(
    private readonly coverage: CoverageService,
    private readonly repo: CompanyScorecardRepository,
    private readonly rpc: RpcClient,
    private readonly clock: Clock,
  ) {}

  async view(query: ScorecardQuery): Promise<CompanyScorecardView> {
    const scope = resolveScorecardScope(query, this.clock.now());
    const asked = askScorecardOwners(this.rpc, scope, SOURCES);
    const own = this.figures(scope, scope.timeZone).then((fs) =>
      fs.map((f): OwnedScorecardFigure => ({ ...f, owner: 'training' })),
    );
    const [{ figures: theirs, unavailable }, mine] = await Promise.all([asked, own]);
    const figures = inScorecardOrder([...mine, ...theirs]).map(toOwnedScorecardFigureView);
    return {
      ...toScorecardPeriodView(scope),
      figures,
      missed: figures.filter((f) => f.missed === true).length,
      unavailable,
    };
  }

  /**
   * Training's own figures: service-process training coverage and the staff survey's satisfaction
   * (of the months that start in the period, in the zone its dates were given in).
   */
  async figures(scope: ScorecardScope, timeZone: string): Promise<ScorecardFigureV1[]> {
    const [covNow, covBefore, staffNow, staffBefore] = await Promise.all([
      this.covered(scope, scope.from, scope.to),
      this.covered(scope, scope.previousFrom, scope.from),
      this.staff(scope, scope.from, scope.to, timeZone),
      this.staff(scope, scope.previousFrom, scope.from, timeZone),
    ]);
    return [
      scorecardFigure('training-coverage', covNow, covBefore, {
        operator: '>=',
        value: COVERAGE_TARGET,
        basis: 'seed 001: 100 % of staff trained on the service process within 3 months',
      }),
      scorecardFigure('employee-satisfaction', staffNow, staffBefore, {
        operator: '>=',
        value: STAFF_SATISFACTION_TARGET / 100,
        basis: 'seed 001: employee satisfaction >= 85 %',
      }),
    ];
  }

  private async covered(scope: ScorecardScope, from: Date, to: Date) {
    const report = await this.coverage.report({
      from: from.toISOString(),
      to: to.toISOString(),
      ...(scope.storeId === null ? {} : { storeId: scope.storeId }),
    });
    return { numerator: report.covered, denominator: report.due };
  }

  private async staff(scope: ScorecardScope, from: Date, to: Date, timeZone: string) {
    const months = monthsStartingIn(from, to, timeZone);
    const s = await this.repo.staffSatisfaction(months, scope.storeId);
    return { numerator: s.satisfied, denominator: s.respondents };
  }
}
