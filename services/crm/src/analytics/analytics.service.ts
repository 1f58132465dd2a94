import { Tier, TIERS } from '@cx/contracts';
import { Clock, csvRow, CsvValue, formatLocalDate, localDateOf, startOfLocalDay } from '@cx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { BirthdayService } from '../care/birthday.service';
import { SegmentQueries } from '../care/segment.queries';
import { SegmentsView } from '../care/care.view';
import { AnalyticsRepository } from './analytics.repository';
import {
  BirthdayCountView,
  PointsFlowView,
  PointsView,
  RangeView,
  RepurchaseFiguresView,
  RepurchasePeriodView,
  RepurchaseView,
  TierMovementView,
  TiersView,
} from './analytics.view';
import { BirthdayCountQuery, AnalyticsQuery } from './dto/analytics.query';
import { compareRepurchase, pointsFlow, RepurchaseFigures, repurchaseRate, tierMove } from './kpis';
import { Periods, resolvePeriods, Span, yearEarlier } from './period';

export interface CsvExport {
  filename: string;
  stream: Readable;
}

const iso = (d: Date) => d.toISOString();

/** The CRM lead's figures: tiers and their movement, repurchase against last year, points, segments. */
@Injectable()
export class AnalyticsService {
  private readonly log = new Logger('AnalyticsService');

  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly segments: SegmentQueries,
    private readonly birthdays: BirthdayService,
    private readonly clock: Clock,
  ) {}

  async tiers(query: AnalyticsQuery): Promise<TiersView> {
    const p = resolvePeriods(query, this.clock.now());
    const [members, days] = await Promise.all([
      this.analytics.membersPerTier(),
      this.analytics.tierChangesPerDay(p, p.timeZone),
    ]);
    const movement: TierMovementView[] = p.buckets.map((b) => ({
      from: iso(b.from),
      to: iso(b.to),
      upgrades: 0,
      downgrades: 0,
      firstAssignments: 0,
      changes: [],
    }));
    for (const d of days) {
      const start = startOfLocalDay(d.day, p.timeZone).getTime();
      const i = p.buckets.findIndex((b) => b.from.getTime() <= start && start < b.to.getTime());
      // A day cut by the range's start (a from with a time of day) belongs to the first bucket.
      const m = movement[Math.max(i, 0)];
      const move = tierMove(d.fromTier, d.toTier);
      if (move === 'up') m.upgrades += d.changes;
      if (move === 'down') m.downgrades += d.changes;
      if (move === 'first') m.firstAssignments += d.changes;
      const same = m.changes.find((c) => c.fromTier === d.fromTier && c.toTier === d.toTier);
      if (same) same.changes += d.changes;
      else
        m.changes.push({ fromTier: d.fromTier as Tier | null, toTier: d.toTier as Tier, changes: d.changes });
    }
    return {
      range: range(p),
      members: TIERS.map((tier) => ({ tier, members: members.get(tier) ?? 0 })),
      movement,
    };
  }

  async repurchase(query: AnalyticsQuery): Promise<RepurchaseView> {
    const p = resolvePeriods(query, this.clock.now());
    const spans: Span[] = [p, ...p.buckets];
    const lastYear = spans.map((s) => yearEarlier(s, p.timeZone));
    const figures = await this.analytics.repurchase([...spans, ...lastYear]);
    const view = (i: number): RepurchasePeriodView => {
      const now = figures[i];
      const before = figures[spans.length + i];
      const { change, target, met } = compareRepurchase(now, before);
      return {
        ...figuresView(spans[i], now),
        lastYear: figuresView(lastYear[i], before),
        change,
        target,
        met,
      };
    };
    return { range: range(p), total: view(0), periods: p.buckets.map((_, i) => view(i + 1)) };
  }

  async points(query: AnalyticsQuery): Promise<PointsView> {
    const p = resolvePeriods(query, this.clock.now());
    const flows = await Promise.all([p, ...p.buckets].map((s) => this.flow(s)));
    return {
      range: range(p),
      total: flows[0],
      periods: flows.slice(1),
      outstanding: await this.analytics.liability(),
    };
  }

  segmentSizes(): Promise<SegmentsView> {
    return this.segments.list();
  }

  async birthdayCount(query: BirthdayCountQuery): Promise<BirthdayCountView> {
    return { ...query, customers: await this.birthdays.count(query.days, query.timeZone) };
  }

  async tiersCsv(query: AnalyticsQuery, by: string): Promise<CsvExport> {
    const view = await this.tiers(query);
    const rows: CsvValue[][] = [['period_from', 'period_to', 'from_tier', 'to_tier', 'changes']];
    for (const m of view.movement)
      for (const c of m.changes) rows.push([m.from, m.to, c.fromTier ?? '', c.toTier, c.changes]);
    return this.csv('crm-tier-movement', view.range, rows, by);
  }

  async repurchaseCsv(query: AnalyticsQuery, by: string): Promise<CsvExport> {
    const view = await this.repurchase(query);
    const rows: CsvValue[][] = [
      [
        'period_from',
        'period_to',
        'buyers',
        'repeaters',
        'rate',
        'last_year_buyers',
        'last_year_repeaters',
        'last_year_rate',
        'change',
        'target',
        'met',
      ],
    ];
    for (const r of view.periods)
      rows.push([
        r.from,
        r.to,
        r.buyers,
        r.repeaters,
        r.rate,
        r.lastYear.buyers,
        r.lastYear.repeaters,
        r.lastYear.rate,
        r.change,
        r.target,
        r.met,
      ]);
    return this.csv('crm-repurchase', view.range, rows, by);
  }

  async pointsCsv(query: AnalyticsQuery, by: string): Promise<CsvExport> {
    const view = await this.points(query);
    const rows: CsvValue[][] = [['period_from', 'period_to', 'issued', 'redeemed', 'expired', 'reversed']];
    for (const f of view.periods) rows.push([f.from, f.to, f.issued, f.redeemed, f.expired, f.reversed]);
    return this.csv('crm-points', view.range, rows, by);
  }

  private async flow(span: Span): Promise<PointsFlowView> {
    return { from: iso(span.from), to: iso(span.to), ...pointsFlow(await this.analytics.ledgerSums(span)) };
  }

  private csv(name: string, r: RangeView, rows: CsvValue[][], by: string): CsvExport {
    this.log.log(`${name} export by ${by}`, { export: { by, name, from: r.from, to: r.to } });
    const day = (at: string) => formatLocalDate(localDateOf(new Date(at), r.timeZone));
    return {
      filename: `${name}-${day(r.from)}-${day(r.to)}.csv`,
      stream: Readable.from([rows.map((row) => csvRow(row)).join('')]),
    };
  }
}

function range(p: Periods): RangeView {
  return { from: iso(p.from), to: iso(p.to), timeZone: p.timeZone, period: p.bucket };
}

function figuresView(span: Span, f: RepurchaseFigures): RepurchaseFiguresView {
  return {
    from: iso(span.from),
    to: iso(span.to),
    buyers: f.buyers,
    repeaters: f.repeaters,
    rate: repurchaseRate(f),
  };
}
