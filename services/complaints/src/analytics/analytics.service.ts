import { Clock, csvRow, CsvValue, formatLocalDate, localDateOf } from '@cx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AnalyticsQuery, CompensationCostQuery, CountsQuery, HotSpotsQuery } from './dto/analytics.query';
import {
  CompensationCostView,
  CountsView,
  DurationKpiView,
  FiltersView,
  HotSpotsView,
  HotSpotView,
  KpisView,
  PeriodView,
  RateKpiView,
} from './analytics.view';
import {
  AnalyticsRepository,
  Bucket,
  ComplaintFilter,
  LedgerRow,
  PeriodOverPeriod,
} from './analytics.repository';
import { Period, resolveAnalyticsPeriod, YEAR_MS } from './period';
import { PolicyService } from '../policy/policy.service';
import { kpiTargets, KpiTarget, meetsTarget, repeatTarget } from './targets';
import { complaintRate, kpiRatios, Ratio } from './kpi-formulas';

/** Rows fetched per round trip while the ledger streams. */
const LEDGER_BATCH = 500;

/**
 * The ledger's columns, in order. No complainant name, phone, e-mail or customer id: the file
 * leaves the system (spreadsheets, e-mail) and the analysis needs none of them.
 */
const LEDGER_COLUMNS: [string, (r: LedgerRow) => CsvValue][] = [
  ['reference', (r) => r.reference],
  ['id', (r) => r.id],
  ['receivedAt', (r) => r.receivedAt],
  ['recordedAt', (r) => r.recordedAt],
  ['channel', (r) => r.channel],
  ['category', (r) => r.category],
  ['priority', (r) => r.priority],
  ['urgency', (r) => r.urgency],
  ['importance', (r) => r.importance],
  ['isMajor', (r) => r.isMajor],
  ['departments', (r) => r.departments.join(';')],
  ['department', (r) => r.department],
  ['status', (r) => r.status],
  ['storeId', (r) => r.storeId],
  ['orderId', (r) => r.orderId],
  ['productSku', (r) => r.productSku],
  ['employeeId', (r) => r.employeeId],
  ['ownerId', (r) => r.ownerId],
  ['customerTier', (r) => r.customerTier],
  ['firstResponseDueAt', (r) => r.firstResponseDueAt],
  ['firstRespondedAt', (r) => r.firstRespondedAt],
  ['firstResponseBreachedAt', (r) => r.firstResponseBreachedAt],
  ['resolutionDueAt', (r) => r.resolutionDueAt],
  ['resolvedAt', (r) => r.resolvedAt],
  ['resolutionBreachedAt', (r) => r.resolutionBreachedAt],
  ['closedAt', (r) => r.closedAt],
  ['escalationLevel', (r) => r.escalationLevel],
  ['isRepeat', (r) => r.isRepeat],
  ['repeatOf', (r) => r.repeatOf],
  ['mergedInto', (r) => r.mergedInto],
  ['reopenCount', (r) => r.reopenCount],
  ['satisfaction', (r) => r.satisfaction],
  ['satisfactionAt', (r) => r.satisfactionAt],
  ['description', (r) => r.description],
  ['resolutionSummary', (r) => r.resolutionSummary],
];

export const LEDGER_HEADER = LEDGER_COLUMNS.map(([name]) => name);

interface Scope {
  period: Period;
  filter: ComplaintFilter;
  periodView: PeriodView;
  filters: FiltersView;
}

function rateKpi({ value, numerator, denominator }: Ratio, target: KpiTarget | null): RateKpiView {
  return {
    rate: value,
    numerator,
    denominator,
    target: target && { ...target },
    meetsTarget: target ? meetsTarget(value, target) : null,
  };
}

function durationKpi(
  count: number,
  meanHours: number | null,
  p90Hours: number | null,
  target: KpiTarget & { statistic: 'p90' },
): DurationKpiView {
  return { count, meanHours, p90Hours, target: { ...target }, meetsTarget: meetsTarget(p90Hours, target) };
}

function hotSpot(r: PeriodOverPeriod): HotSpotView {
  const change = r.count - r.previousCount;
  return { ...r, change, changePercent: r.previousCount === 0 ? null : (change / r.previousCount) * 100 };
}

/** The customer-service lead's figures: counts, hot spots, the complaint KPIs of the scorecard, the ledger. */
@Injectable()
export class AnalyticsService {
  private readonly log = new Logger(AnalyticsService.name);

  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly clock: Clock,
    private readonly policies: PolicyService,
  ) {}

  async counts(query: CountsQuery): Promise<CountsView> {
    const { filter, periodView, filters, period } = this.scope(query);
    let groups: { key: string | null; count: number }[];
    let total: number;
    let truncated = false;
    switch (query.groupBy) {
      case 'day':
      case 'week':
      case 'month':
        groups = await this.analytics.countByBucket(query.groupBy satisfies Bucket, filter, period.timeZone);
        total = groups.reduce((sum, g) => sum + g.count, 0);
        break;
      case 'category':
      case 'store':
      case 'channel':
      case 'product':
      case 'owner': {
        const counted = await this.analytics.countBy(query.groupBy, filter, query.limit);
        groups = counted.groups;
        total = counted.total;
        truncated = counted.groupCount > counted.groups.length;
        break;
      }
    }
    return {
      period: periodView,
      filters,
      groupBy: query.groupBy,
      total,
      groups: groups.map((g) => ({ ...g, share: total === 0 ? 0 : g.count / total })),
      truncated,
    };
  }

  /** The cost of the period's complaints in compensation, per category or store, per currency. */
  async compensationCost(query: CompensationCostQuery): Promise<CompensationCostView> {
    const { filter, periodView, filters } = this.scope(query);
    return {
      period: periodView,
      filters,
      groupBy: query.groupBy,
      groups: await this.analytics.compensationCost(query.groupBy, filter),
    };
  }

  /** Top categories, stores and products of the period, each against the period of the same length before it. */
  async hotSpots(query: HotSpotsQuery): Promise<HotSpotsView> {
    const { filter, period, periodView, filters } = this.scope(query);
    const previous: ComplaintFilter = { ...filter, from: period.previousFrom, to: period.from };
    const [categories, stores, products] = await Promise.all(
      (['category', 'store', 'product'] as const).map((d) =>
        this.analytics.topWithPrevious(d, filter, previous, query.top),
      ),
    );
    return {
      period: periodView,
      previousPeriod: {
        from: period.previousFrom.toISOString(),
        to: period.from.toISOString(),
        timeZone: period.timeZone,
      },
      filters,
      top: query.top,
      categories: categories.map(hotSpot),
      stores: stores.map(hotSpot),
      products: products.map(hotSpot),
    };
  }

  /**
   * The scorecard for complaints received in the period (a cohort: a complaint received in March
   * and solved in April counts for March), with deadlines judged as of now.
   */
  async kpis(query: AnalyticsQuery): Promise<KpisView> {
    const { filter, period, periodView, filters } = this.scope(query);
    const asOf = this.clock.now();
    const yearBefore = (d: Date) => new Date(d.getTime() - YEAR_MS);
    const [k, lastYear, byOwner, orders, policy] = await Promise.all([
      this.analytics.kpiCounts(filter, asOf),
      this.analytics.kpiCounts(
        { ...filter, from: yearBefore(filter.from), to: yearBefore(filter.to) },
        yearBefore(asOf),
      ),
      this.analytics.satisfactionByOwner(filter),
      this.analytics.ordersIn(period.from, period.to, filter.storeId),
      this.policies.policy(),
    ]);
    const T = kpiTargets(policy.kpiTargets);
    const r = kpiRatios(k);
    const y = kpiRatios(lastYear);
    return {
      period: periodView,
      filters,
      asOf: asOf.toISOString(),
      received: k.received,
      withdrawn: k.withdrawn,
      orders,
      complaintRate: rateKpi(complaintRate(k, orders), T.complaintRate),
      resolutionRate: rateKpi(r.resolutionRate, T.resolutionRate),
      // The scorecard's repeat target is a reduction: half the rate of the same period a year earlier.
      repeatRate: rateKpi(r.repeatRate, repeatTarget(y.repeatRate.value)),
      repeatRateYearBefore: rateKpi(y.repeatRate, null),
      reopenRate: rateKpi(r.reopenRate, null),
      firstResponseSla: rateKpi(r.firstResponseInTime, T.firstResponseSla),
      resolutionSla: rateKpi(r.resolutionInTime, T.resolutionSla),
      satisfaction: {
        ...rateKpi(r.satisfaction, T.satisfaction),
        byOwner: byOwner.map((o) => ({
          ownerId: o.ownerId,
          rate: o.satisfied / o.answered,
          numerator: o.satisfied,
          denominator: o.answered,
        })),
      },
      firstResponseTime: durationKpi(
        k.firstResponseCount,
        k.firstResponseMeanHours,
        k.firstResponseP90Hours,
        T.firstResponseTime,
      ),
      resolutionTime: durationKpi(
        k.resolutionCount,
        k.resolutionMeanHours,
        k.resolutionP90Hours,
        T.resolutionTime,
      ),
    };
  }

  /**
   * The ledger of every complaint received in the period (merged duplicates and withdrawn ones
   * included) as CSV, streamed batch by batch. The period is checked before the first byte, so a
   * bad request still gets a problem answer; a failure mid-stream cuts the download short.
   */
  exportLedger(query: AnalyticsQuery, requestedBy: string): { filename: string; stream: Readable } {
    const { filter, period } = this.scope(query);
    const batches = this.analytics.ledger(filter, LEDGER_BATCH);
    async function* lines(): AsyncGenerator<string> {
      yield csvRow(LEDGER_HEADER);
      for await (const rows of batches)
        yield rows.map((r) => csvRow(LEDGER_COLUMNS.map(([, value]) => value(r)))).join('');
    }
    // Who took the ledger out, and of what: it carries customers' own words.
    this.log.log(`ledger export by ${requestedBy}`, {
      export: { by: requestedBy, from: period.from, to: period.to, ...filters(filter) },
    });
    const day = (d: Date) => formatLocalDate(localDateOf(d, period.timeZone));
    return {
      filename: `complaints-${day(period.from)}-${day(period.to)}.csv`,
      stream: Readable.from(lines()),
    };
  }

  private scope(query: AnalyticsQuery): Scope {
    const period = resolveAnalyticsPeriod(query, this.clock.now());
    const filter: ComplaintFilter = {
      from: period.from,
      to: period.to,
      storeId: query.storeId ?? null,
      category: query.category ?? null,
      channel: query.channel ?? null,
      department: query.department ?? null,
      ownerId: query.ownerId ?? null,
    };
    return {
      period,
      filter,
      periodView: { from: period.from.toISOString(), to: period.to.toISOString(), timeZone: period.timeZone },
      filters: filters(filter),
    };
  }
}

function filters(f: ComplaintFilter): FiltersView {
  return {
    storeId: f.storeId,
    category: f.category,
    channel: f.channel,
    department: f.department ?? null,
    ownerId: f.ownerId ?? null,
  };
}
