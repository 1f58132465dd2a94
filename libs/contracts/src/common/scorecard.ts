// The company CX scorecard (docs/scorecard.md): the figures of the targets table, each computed by
// the service that owns its data and gathered by training. One shape for every service's answer.
import { IsBoolean, IsIn } from 'class-validator';
import {
  IsFiniteNumber,
  IsNested,
  IsNestedList,
  IsRef,
  IsText,
  IsTimestamp,
  Nullable,
  OptionalField,
} from './rules';

/** Every figure of the scorecard, in the order the targets table lists them. */
export const SCORECARD_FIGURES = [
  'satisfaction',
  'complaint-rate',
  'first-response-in-time',
  'solution-in-time',
  'resolution-rate',
  'aftersales-resolution-rate',
  'repeat-complaints',
  'audit-pass-rate',
  'training-coverage',
  'repurchase-rate',
  'employee-satisfaction',
] as const;
export type ScorecardFigureCode = (typeof SCORECARD_FIGURES)[number];

export const TARGET_OPERATORS = ['>=', '<='] as const;
export type TargetOperator = (typeof TARGET_OPERATORS)[number];

/** A figure's period and store: [from, to), compared with the previous period [previousFrom, from). */
export class ScorecardRequestV1 {
  @IsTimestamp() from!: string;
  @IsTimestamp() to!: string;
  @IsTimestamp() previousFrom!: string;
  /** One store; absent: the whole company. */
  @OptionalField() @IsRef() storeId?: string;
  /** The IANA zone the period was asked in (months of monthly figures); absent: UTC. */
  @OptionalField() @IsText(64) timeZone?: string;
}

/** The level a figure is held to, on the figure's own scale (a share from 0 to 1). */
export class ScorecardTargetV1 {
  @IsIn(TARGET_OPERATORS) operator!: TargetOperator;
  @IsFiniteNumber() value!: number;
  /** Where the level comes from: a lead's setting, a seed, last year's figure. */
  @IsText() basis!: string;
}

/** One figure of the period, beside its target and the previous period's value. */
export class ScorecardFigureV1 {
  @IsIn(SCORECARD_FIGURES) figure!: ScorecardFigureCode;
  /** numerator / denominator; null when nothing was measured. */
  @Nullable() @IsFiniteNumber() value!: number | null;
  @IsFiniteNumber() numerator!: number;
  @IsFiniteNumber() denominator!: number;
  /** Null: no level can be set yet (e.g. nothing a year earlier to improve on). */
  @Nullable() @IsNested(() => ScorecardTargetV1) target!: ScorecardTargetV1 | null;
  /** The same figure over the period of the same length just before. */
  @Nullable() @IsFiniteNumber() previous!: number | null;
  /** True when the value misses its target; null when there is no value or no target. */
  @Nullable() @IsBoolean() missed!: boolean | null;
}

export class ScorecardReplyV1 {
  @IsNestedList(() => ScorecardFigureV1, 20) figures!: ScorecardFigureV1[];
}
