import { IsIn, IsNumber, Max, Min } from 'class-validator';
import { IsCode, IsId, IsIntIn, IsRef, IsTimestamp } from '../common/rules';
import { defineEvent } from '../registry';

export const KPI_ALERT_SCOPES = ['store', 'category'] as const;
export const KPI_ALERT_OPERATORS = ['>=', '<='] as const;

/**
 * Early warning (seed 001 (6)): a KPI of a store or a complaint category fell below the lead's target
 * over the window, on enough cases. One event per breach: raised again only after the figure recovered.
 */
export class KpiAlertRaisedV1 {
  @IsId() alertId!: string;
  /** complaint-rate, first-response-in-time, resolution-rate, satisfaction, repeat-rate (an open list). */
  @IsCode() metric!: string;
  @IsIn(KPI_ALERT_SCOPES) scope!: (typeof KPI_ALERT_SCOPES)[number];
  /** The store id or the category code. */
  @IsRef() key!: string;
  /** The figure, a fraction. */
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1_000_000) value!: number;
  @IsIn(KPI_ALERT_OPERATORS) operator!: (typeof KPI_ALERT_OPERATORS)[number];
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1_000_000) target!: number;
  /** How many cases the figure rests on. */
  @IsIntIn(0, 1_000_000_000) cases!: number;
  @IsTimestamp() windowFrom!: string;
  @IsTimestamp() raisedAt!: string;
}

export const kpiAlertRaisedV1 = defineEvent('evt.complaints.kpi-alert.raised.v1', KpiAlertRaisedV1, {
  description:
    "Early warning: a store's or complaint category's KPI fell below the lead's target over the window; one per breach.",
});
