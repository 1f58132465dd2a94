import { uuidv7 } from '@cx/contracts';
import { Clock, DAY_MS, EventPublisher } from '@cx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { AnalyticsRepository, ComplaintFilter } from '../analytics/analytics.repository';
import { YEAR_MS } from '../analytics/period';
import { PolicyService } from '../policy/policy.service';
import { decide, Figure, figuresOf } from './early-warning';
import { kpiRatios } from '../analytics/kpi-formulas';
import { AlertScope, KpiAlertEntity } from './kpi-alert.entity';
import { kpiAlertRaised } from './kpi-alert.events';
import { KpiAlertRepository } from './kpi-alert.repository';
import { KpiAlertView, toKpiAlertView } from './kpi-alert.view';

const LOCK = 'complaints.early-warning';

interface ScopedFigures {
  scope: AlertScope;
  key: string;
  figures: Figure[];
}

export interface CheckResult {
  raised: KpiAlertView[];
  recovered: number;
}

/**
 * Early warning (seed 001 (6)): every ALERT_SWEEP_INTERVAL_MS, each store's and each top-level
 * category's figures over the lead's alertWindowDays (PolicyService.earlyWarning) against the lead's targets; one alert (and one
 * evt.complaints.kpi-alert.raised.v1) per breach, raised again only after the figure recovered
 * (early-warning.ts decide). The figures are read first; the decisions are written by one replica at a
 * time (advisory lock), and a unique index keeps one open alert per metric, scope and key.
 */
@Injectable()
export class KpiAlertService {
  private readonly log = new Logger('EarlyWarning');

  constructor(
    private readonly alerts: KpiAlertRepository,
    private readonly analytics: AnalyticsRepository,
    private readonly policies: PolicyService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async checkOnce(now: Date = this.clock.now()): Promise<CheckResult> {
    const settings = await this.policies.earlyWarning();
    const from = new Date(now.getTime() - settings.alertWindowDays * DAY_MS);
    const targets = (await this.policies.policy()).kpiTargets;
    const scoped: ScopedFigures[] = [];
    for (const storeId of await this.analytics.storesIn(from, now))
      scoped.push({
        scope: 'store',
        key: storeId,
        figures: await this.figures({ storeId, category: null }, from, now, targets, true),
      });
    for (const category of await this.analytics.topCategories())
      scoped.push({
        scope: 'category',
        key: category,
        figures: await this.figures({ storeId: null, category }, from, now, targets, false),
      });

    const run = await this.alerts.exclusively(LOCK, async (em) => {
      const open = new Map((await this.alerts.open(em)).map((a) => [`${a.metric}|${a.scope}|${a.key}`, a]));
      const result: CheckResult = { raised: [], recovered: 0 };
      for (const { scope, key, figures } of scoped)
        for (const f of figures) {
          const current = open.get(`${f.metric}|${scope}|${key}`);
          switch (decide(f, current !== undefined, settings.alertMinCases)) {
            case 'raise': {
              const alert: KpiAlertEntity = {
                id: uuidv7(),
                metric: f.metric,
                scope,
                key,
                value: f.value!,
                operator: f.operator,
                target: f.target,
                cases: f.cases,
                windowFrom: from,
                raisedAt: now,
                recoveredAt: null,
                recoveredValue: null,
              };
              await this.alerts.insert(em, alert);
              await this.events.publish(em, kpiAlertRaised(alert));
              result.raised.push(toKpiAlertView(alert));
              break;
            }
            case 'recover':
              await this.alerts.recover(em, current!.id, now, f.value!);
              result.recovered++;
              break;
            case 'keep':
              break;
          }
        }
      return result;
    });
    const result = run.result ?? { raised: [], recovered: 0 };
    if (result.raised.length || result.recovered)
      this.log.log(`early warning: ${result.raised.length} raised, ${result.recovered} recovered`);
    return result;
  }

  async list(status: 'open' | 'recovered', limit: number): Promise<KpiAlertView[]> {
    return (await this.alerts.list(status, limit)).map(toKpiAlertView);
  }

  private async figures(
    scope: Pick<ComplaintFilter, 'storeId' | 'category'>,
    from: Date,
    to: Date,
    targets: Parameters<typeof figuresOf>[2],
    withOrders: boolean,
  ): Promise<Figure[]> {
    const filter: ComplaintFilter = { ...scope, channel: null, from, to };
    const counts = await this.analytics.kpiCounts(filter, to);
    const yearBefore = await this.analytics.kpiCounts(
      { ...filter, from: new Date(from.getTime() - YEAR_MS), to: new Date(to.getTime() - YEAR_MS) },
      new Date(to.getTime() - YEAR_MS),
    );
    const orders = withOrders ? await this.analytics.ordersIn(from, to, scope.storeId) : null;
    return figuresOf(counts, orders, targets, kpiRatios(yearBefore).repeatRate.value);
  }
}
