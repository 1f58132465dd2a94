// The company CX scorecard's shared parts (docs/scorecard.md, ADR 32): the period a scorecard asks
// for, the one way a figure is judged against its target and its previous period, and the view every
// service's GET /api/v1/admin/scorecard answers with. Pure apart from the Swagger decorators.
import {
  SERVICES,
  ServiceName,
  SCORECARD_FIGURES,
  ScorecardFigureCode,
  ScorecardFigureV1,
  ScorecardRequestV1,
  ScorecardTargetV1,
  TARGET_OPERATORS,
  TargetOperator,
} from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DAY_MS } from '../time/durations';
import { addLocalMonths, startOfPeriod } from '../time/zones';
import { IsPlainRef } from './fields';
import { PeriodQuery, PeriodRules, resolvePeriod } from './period';

/** A period of the scorecard, at most a year: the default is the last 30 days up to now. */
export const SCORECARD_PERIOD: PeriodRules = {
  defaultTo: (now) => now,
  defaultFrom: (to) => new Date(to.getTime() - 30 * DAY_MS),
  latestTo: (from, zone) => addLocalMonths(from, 12, zone),
  tooLong: 'the period must not be longer than 12 months',
};

export class ScorecardQuery extends PeriodQuery {
  @ApiPropertyOptional({
    example: '2026-03-01',
    description:
      'Start, included. Default: 30 days before to. YYYY-MM-DD is local midnight in timeZone; a date-time needs Z or an offset.',
  })
  override from?: string;

  @ApiPropertyOptional({
    example: '2026-04-01',
    description:
      'End, excluded. Default: now. At most 12 months after from. YYYY-MM-DD is local midnight in timeZone.',
  })
  override to?: string;

  @ApiPropertyOptional({ example: 'SH-001', description: 'One store; default the whole company' })
  @IsOptional()
  @IsPlainRef()
  storeId?: string;
}

/** [from, to) of one store or the company, and the period just before it (previousPeriodStart). */
export interface ScorecardScope {
  from: Date;
  to: Date;
  /** Start of the previous period, [previousFrom, from). */
  previousFrom: Date;
  storeId: string | null;
}

/**
 * The period before [from, to): whole calendar months in the zone step back by as many months (March
 * against February), anything else by the same length of time.
 */
export function previousPeriodStart(from: Date, to: Date, timeZone: string): Date {
  const isMonthStart = (d: Date) => startOfPeriod(d, 'month', timeZone).getTime() === d.getTime();
  if (isMonthStart(from) && isMonthStart(to)) {
    const months = monthsBetween(from, to, timeZone);
    if (months > 0) return addLocalMonths(from, -months, timeZone);
  }
  return new Date(2 * from.getTime() - to.getTime());
}

function monthsBetween(from: Date, to: Date, timeZone: string): number {
  let months = 0;
  while (addLocalMonths(from, months + 1, timeZone).getTime() <= to.getTime()) months++;
  return addLocalMonths(from, months, timeZone).getTime() === to.getTime() ? months : 0;
}

/** The scope an HTTP query asks for (400 naming the field for a bad period). */
export function resolveScorecardScope(
  query: ScorecardQuery,
  now: Date,
): ScorecardScope & { timeZone: string } {
  const { from, to, timeZone } = resolvePeriod(query, now, SCORECARD_PERIOD);
  return {
    from,
    to,
    previousFrom: previousPeriodStart(from, to, timeZone),
    storeId: query.storeId ?? null,
    timeZone,
  };
}

/** The scope a gatherer's request asks for (already validated by the contract), in its zone (default UTC). */
export function scorecardScopeOf(request: ScorecardRequestV1): ScorecardScope & { timeZone: string } {
  return {
    from: new Date(request.from),
    to: new Date(request.to),
    previousFrom: new Date(request.previousFrom),
    storeId: request.storeId ?? null,
    timeZone: request.timeZone ?? 'UTC',
  };
}

export function scorecardRequestOf(scope: ScorecardScope & { timeZone?: string }): ScorecardRequestV1 {
  const request: ScorecardRequestV1 = {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    previousFrom: scope.previousFrom.toISOString(),
  };
  if (scope.storeId !== null) request.storeId = scope.storeId;
  if (scope.timeZone !== undefined) request.timeZone = scope.timeZone;
  return request;
}

/** A figure's count: numerator out of denominator (satisfied answers out of answers). */
export interface Ratio {
  numerator: number;
  denominator: number;
}

export const ratioValue = (r: Ratio): number | null =>
  r.denominator === 0 ? null : r.numerator / r.denominator;

/** Whether a value misses its level; null when either is unknown. */
export function missesTarget(value: number | null, target: ScorecardTargetV1 | null): boolean | null {
  if (value === null || target === null) return null;
  // A share computed in floating point (19 / 20) may land a hair off the level it meets.
  const slack = 1e-9;
  return target.operator === '>=' ? value < target.value - slack : value > target.value + slack;
}

/** One figure of the period against its target and its value over the previous period. */
export function scorecardFigure(
  figure: ScorecardFigureCode,
  current: Ratio,
  previous: Ratio,
  target: ScorecardTargetV1 | null,
): ScorecardFigureV1 {
  const value = ratioValue(current);
  return {
    figure,
    value,
    numerator: current.numerator,
    denominator: current.denominator,
    target,
    previous: ratioValue(previous),
    missed: missesTarget(value, target),
  };
}

export type Trend = 'better' | 'worse' | 'same';

/**
 * Against the previous period, in the direction of the target (a complaint rate that falls is
 * better); null when either period measured nothing.
 */
export function trendOf(
  f: Pick<ScorecardFigureV1, 'figure' | 'value' | 'previous' | 'target'>,
): Trend | null {
  if (f.value === null || f.previous === null) return null;
  const change = f.value - f.previous;
  if (Math.abs(change) < 1e-9) return 'same';
  const lowerIsBetter = (f.target?.operator ?? DIRECTION[f.figure]) === '<=';
  return change < 0 === lowerIsBetter ? 'better' : 'worse';
}

/** Which way each figure should go, for a figure without a target (repeat complaints without a year before). */
const DIRECTION: Record<ScorecardFigureCode, TargetOperator> = {
  satisfaction: '>=',
  'complaint-rate': '<=',
  'first-response-in-time': '>=',
  'solution-in-time': '>=',
  'resolution-rate': '>=',
  'aftersales-resolution-rate': '>=',
  'repeat-complaints': '<=',
  'audit-pass-rate': '>=',
  'training-coverage': '>=',
  'repurchase-rate': '>=',
  'employee-satisfaction': '>=',
};

/** Figures in the order of the targets table. */
export function inScorecardOrder<T extends { figure: ScorecardFigureCode }>(figures: T[]): T[] {
  return [...figures].sort(
    (a, b) => SCORECARD_FIGURES.indexOf(a.figure) - SCORECARD_FIGURES.indexOf(b.figure),
  );
}

export class ScorecardTargetView {
  @ApiProperty({ enum: TARGET_OPERATORS }) operator!: TargetOperator;
  @ApiProperty({ example: 0.9, description: 'On the figure’s scale: a share from 0 to 1' }) value!: number;
  @ApiProperty({ example: 'seed 001: satisfaction >= 90 %' }) basis!: string;
}

export class ScorecardFigureView {
  @ApiProperty({ enum: SCORECARD_FIGURES }) figure!: ScorecardFigureCode;
  @ApiProperty({ type: Number, nullable: true, example: 0.92, description: 'numerator / denominator' })
  value!: number | null;
  @ApiProperty({ example: 46 }) numerator!: number;
  @ApiProperty({ example: 50 }) denominator!: number;
  @ApiProperty({ type: ScorecardTargetView, nullable: true }) target!: ScorecardTargetView | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The previous period of the same length' })
  previous!: number | null;
  @ApiProperty({
    enum: ['better', 'worse', 'same'],
    nullable: true,
    description: 'Against the previous period',
  })
  trend!: Trend | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: nothing measured, or no target' })
  missed!: boolean | null;
}

/** A figure gathered from its owner (training's company scorecard, surveys' CX report). */
export class OwnedScorecardFigureView extends ScorecardFigureView {
  @ApiProperty({ enum: SERVICES, description: 'The service that owns the data and computed the figure' })
  owner!: ServiceName;
}

export function toOwnedScorecardFigureView(
  f: ScorecardFigureV1 & { owner: ServiceName },
): OwnedScorecardFigureView {
  return { ...toScorecardFigureView(f), owner: f.owner };
}

/** The period and store a scorecard is of; the company scorecard shows the same. */
export class ScorecardPeriodView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ format: 'date-time', description: 'The previous period is [previousFrom, from)' })
  previousFrom!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: the whole company' })
  storeId!: string | null;
}

export class ScorecardView extends ScorecardPeriodView {
  @ApiProperty({ type: [ScorecardFigureView] }) figures!: ScorecardFigureView[];
}

export function toScorecardFigureView(f: ScorecardFigureV1): ScorecardFigureView {
  return { ...f, target: f.target && { ...f.target }, trend: trendOf(f) };
}

export function toScorecardPeriodView(scope: ScorecardScope): ScorecardPeriodView {
  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    previousFrom: scope.previousFrom.toISOString(),
    storeId: scope.storeId,
  };
}

export function toScorecardView(scope: ScorecardScope, figures: ScorecardFigureV1[]): ScorecardView {
  return { ...toScorecardPeriodView(scope), figures: inScorecardOrder(figures).map(toScorecardFigureView) };
}
