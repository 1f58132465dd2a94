import {
  ReportDigestReplyV1,
  ReportDigestRequestV1,
  RequestSubject,
  ServiceName,
  Subjects,
} from '@cx/contracts';
import {
  addLocalMonths,
  askScorecardOwners,
  inScorecardOrder,
  OwnedScorecardFigure,
  RpcClient,
  SCORECARD_ASK_TIMEOUT_MS,
  ScorecardScope,
  UnavailableOwner,
  unavailableOwner,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { ScorecardService } from '../scorecard/scorecard.service';
import { ScoresRepository } from '../scores/scores.repository';
import { CxReportContent, ReportAction, ReportAlert, ReportMeasure, TrendPoint } from './cx-report.content';
import { CxReportRepository } from './cx-report.repository';
import { kpiMove, labelAt, previousLabel, ReportLanguage, ReportWindow } from './cx-report.rules';

/** The other owners of scorecard figures; surveys computes its own two in-process. */
const OWNERS: [ServiceName, RequestSubject][] = [
  ['crm', Subjects.crm.getScorecard],
  ['complaints', Subjects.complaints.getScorecard],
  ['aftersales', Subjects.aftersales.getScorecard],
  ['training', Subjects.training.getScorecard],
];

/** Periods of satisfaction in the trend chart, this one included. */
const TREND_PERIODS = 6;
/** Hot spots per dimension. */
const HOT_SPOTS = 5;

/**
 * Gathers what a CX report says (docs/surveys/reports.md): the company scorecard as training gathers
 * it (the same requests, ADR 32), surveys' satisfaction over the last periods, complaints' hot spots,
 * open alerts and corrective actions (rpc.complaints.get-report-digest.v1) beside surveys' own, and the
 * measures that answered the report before this one with their KPI before and after. A service that
 * does not answer is named and the rest is shown.
 */
@Injectable()
export class CxReportGatherer {
  constructor(
    private readonly rpc: RpcClient,
    private readonly scorecard: ScorecardService,
    private readonly scores: ScoresRepository,
    private readonly audits: AuditRepository,
    private readonly reports: CxReportRepository,
  ) {}

  async gather(
    window: ReportWindow,
    storeId: string | null,
    language: ReportLanguage,
    timeZone: string,
    now: Date,
  ): Promise<CxReportContent> {
    const scope = { from: window.from, to: window.to, previousFrom: window.previousFrom, storeId, timeZone };
    const [asked, own, trend, digest, alerts, actions] = await Promise.all([
      askScorecardOwners(this.rpc, scope, OWNERS),
      this.scorecard.figures(scope),
      this.trend(window, storeId, timeZone),
      this.digest(scope),
      this.ownAlerts(storeId),
      this.ownActions(storeId),
    ]);
    const figures = inScorecardOrder<OwnedScorecardFigure>([
      ...own.map((f) => ({ ...f, owner: 'surveys' as const })),
      ...asked.figures,
    ]);
    const unavailable = [...asked.unavailable];
    if ('unavailable' in digest && !unavailable.some((u) => u.service === 'complaints'))
      unavailable.push(digest.unavailable);
    const reply = 'reply' in digest ? digest.reply : null;
    return {
      window,
      storeId,
      language,
      timeZone,
      generatedAt: now,
      figures,
      unavailable: unavailable.sort((a, b) => a.service.localeCompare(b.service)),
      trend,
      hotSpots: reply && { categories: reply.categories, stores: reply.stores },
      alerts: [
        ...(reply?.openAlerts ?? []).map((a): ReportAlert => ({
          source: 'complaints',
          metric: a.metric,
          scope: a.key,
          value: a.value,
          threshold: a.target,
          raisedAt: new Date(a.raisedAt),
        })),
        ...alerts,
      ],
      correctiveActions: [
        ...(reply?.correctiveActions ?? []).map((a): ReportAction => ({
          source: 'complaints',
          title: a.title,
          department: a.department,
          ownerId: a.ownerId,
          dueAt: new Date(a.dueAt),
          status: a.status,
        })),
        ...actions,
      ],
      measures: await this.measures(window, storeId, timeZone, figures),
    };
  }

  /** Satisfaction over the last TREND_PERIODS periods of the report's kind, in one statement. */
  private async trend(window: ReportWindow, storeId: string | null, timeZone: string): Promise<TrendPoint[]> {
    const bounds = [window.to];
    let from = window.from;
    for (let i = 0; i < TREND_PERIODS; i++) {
      bounds.unshift(from);
      from = previousStart(window, from, timeZone);
    }
    const series = await this.scores.series('all', bounds, storeId === null ? {} : { storeId });
    return series.map((counts, i) => {
      const all = [...counts.values()][0];
      const responses = all?.responses ?? 0;
      return {
        label: labelAt(window.period, bounds[i], timeZone),
        satisfaction: responses === 0 ? null : (all?.satisfied ?? 0) / responses,
        responses,
      };
    });
  }

  private async digest(
    scope: ScorecardScope,
  ): Promise<{ reply: ReportDigestReplyV1 } | { unavailable: UnavailableOwner }> {
    const request: ReportDigestRequestV1 = {
      from: scope.from.toISOString(),
      to: scope.to.toISOString(),
      previousFrom: scope.previousFrom.toISOString(),
      top: HOT_SPOTS,
      ...(scope.storeId !== null && { storeId: scope.storeId }),
    };
    try {
      const reply = await this.rpc.request<ReportDigestReplyV1>(
        Subjects.complaints.getReportDigest,
        request,
        {
          timeoutMs: SCORECARD_ASK_TIMEOUT_MS,
        },
      );
      return { reply };
    } catch (e) {
      return { unavailable: unavailableOwner('complaints', e) };
    }
  }

  private async ownAlerts(storeId: string | null): Promise<ReportAlert[]> {
    const rows = await this.scores.openAlerts();
    return rows
      .filter((a) => storeId === null || (a.scope_type === 'store' && a.scope_key === storeId))
      .reverse() // oldest first, as complaints' are
      .map((a) => ({
        source: 'surveys',
        metric: 'customer-satisfaction',
        scope: a.scope_key,
        value: Number(a.value),
        threshold: Number(a.threshold),
        raisedAt: a.raised_at,
      }));
  }

  private async ownActions(storeId: string | null): Promise<ReportAction[]> {
    const rows = await this.audits.openActions(undefined);
    return rows
      .filter((a) => storeId === null || a.storeId === storeId)
      .map((a) => ({
        source: 'surveys',
        title: a.description,
        department: null,
        ownerId: a.ownerId,
        dueAt: a.dueAt,
        status: a.status,
      }));
  }

  /** The measures that answered the previous report of this period and scope, KPI before and after. */
  private async measures(
    window: ReportWindow,
    storeId: string | null,
    timeZone: string,
    figures: OwnedScorecardFigure[],
  ): Promise<ReportMeasure[]> {
    const label = previousLabel(window.period, window.label, timeZone);
    const answered = label && (await this.reports.latestOf(window.period, label, storeId));
    if (!answered) return [];
    const rows = await this.reports.measuresOf(answered.id);
    return rows.map((m) => ({
      department: m.department,
      goal: m.goal,
      ownerId: m.ownerId,
      dueDate: m.dueDate,
      kpi: m.kpi,
      status: m.status,
      ...kpiMove(
        m.kpi,
        answered.figures.find((f) => f.figure === m.kpi),
        figures.find((f) => f.figure === m.kpi),
      ),
    }));
  }
}

/** The start of the period before the one starting at `from` (a month or a quarter back). */
function previousStart(window: ReportWindow, from: Date, timeZone: string): Date {
  return addLocalMonths(from, window.period === 'month' ? -1 : -3, timeZone);
}
