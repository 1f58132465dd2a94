import { Clock, csvRow, DAY_MS, IsPlainRef, PeriodQuery, PeriodRules, resolvePeriod } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AftersalesKpisView } from './analytics.view';
import { AnalyticsRepository, Scope } from './analytics.repository';
import { meets, pct, TARGETS } from './kpis';

export class AnalyticsQuery extends PeriodQuery {
  @ApiPropertyOptional({ example: 'SH-001' }) @IsOptional() @IsPlainRef() storeId?: string;
}

const MAX_DAYS = 731;
const PERIOD: PeriodRules = {
  defaultTo: (now) => now,
  defaultFrom: (to) => new Date(to.getTime() - 30 * DAY_MS),
  latestTo: (from) => new Date(from.getTime() + MAX_DAYS * DAY_MS),
  tooLong: `the period must not be longer than ${MAX_DAYS} days (two years)`,
};

const LEDGER_COLUMNS = [
  'id',
  'requested_at',
  'store_id',
  'order_id',
  'line_id',
  'kind',
  'reason',
  'quality',
  'category',
  'sku',
  'quantity',
  'eligible',
  'status',
  'owner_id',
  'due_at',
  'refund_amount_minor',
  'currency',
  'completed_at',
] as const;

/** The after-sales lead's figures against seed 004's targets, and the returns ledger as CSV. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly clock: Clock,
  ) {}

  private scope(query: AnalyticsQuery): Scope {
    const { from, to } = resolvePeriod(query, this.clock.now(), PERIOD);
    return { from, to, storeId: query.storeId };
  }

  async kpis(query: AnalyticsQuery): Promise<AftersalesKpisView> {
    const s = this.scope(query);
    const [r, byReason, byCategory, byStore, p, load, surveys] = await Promise.all([
      this.analytics.returnTotals(s),
      this.analytics.returnsBy(s, 'reason'),
      this.analytics.returnsBy(s, 'category'),
      this.analytics.returnsBy(s, 'store_id'),
      this.analytics.repairTotals(s),
      this.analytics.technicianLoad(s),
      this.analytics.surveyTotals(s),
    ]);
    const returnsResolution = pct(r.resolved, r.requested);
    const repairsResolution = pct(p.completed, p.requested);
    const answered = surveys.repair.answered + surveys.return.answered;
    const satisfied = surveys.repair.satisfied + surveys.return.satisfied;
    const surveyed = pct(satisfied, answered);
    const ofKind = (k: { answered: number; satisfied: number }) => ({
      ...k,
      satisfiedPct: pct(k.satisfied, k.answered),
    });
    return {
      from: s.from.toISOString(),
      to: s.to.toISOString(),
      storeId: s.storeId ?? null,
      returns: {
        requested: r.requested,
        resolved: r.resolved,
        resolutionRatePct: returnsResolution,
        firstResponseWithin24hPct: pct(r.answeredIn24h, r.requested),
        refundedMinor: r.refundedMinor,
        byReason,
        byCategory,
        byStore,
      },
      repairs: {
        requested: p.requested,
        completed: p.completed,
        resolutionRatePct: repairsResolution,
        averageTurnaroundHours: p.turnaroundHours,
        satisfiedPct: pct(p.satisfied, p.confirmed),
        warrantyCostMinor: p.warrantyCostMinor,
        technicianLoad: load,
      },
      surveySatisfaction: {
        answered,
        satisfied,
        satisfiedPct: surveyed,
        repairs: ofKind(surveys.repair),
        returns: ofKind(surveys.return),
      },
      targets: {
        ...TARGETS,
        returnsResolutionMet: meets(returnsResolution, TARGETS.resolutionRatePct),
        repairsResolutionMet: meets(repairsResolution, TARGETS.resolutionRatePct),
        satisfactionMet: meets(surveyed, TARGETS.satisfactionPct),
      },
    };
  }

  /** RFC 4180, a header row then one row per return of the period. */
  async returnsCsv(query: AnalyticsQuery): Promise<string> {
    const rows = await this.analytics.returnsLedger(this.scope(query));
    return (
      csvRow([...LEDGER_COLUMNS]) +
      rows
        .map((row) => csvRow(LEDGER_COLUMNS.map((c) => row[c] as string | number | boolean | Date | null)))
        .join('')
    );
  }
}
