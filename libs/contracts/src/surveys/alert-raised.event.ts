import {
  IsCode,
  IsFiniteNumber,
  IsId,
  IsNested,
  IsPeriod,
  IsRef,
  IsTimestamp,
  OptionalField,
} from '../common/rules';
import { defineEvent } from '../registry';

/** Where an alert applies; both absent means company-wide. */
export class AlertScopeV1 {
  @OptionalField() @IsRef() storeId?: string;
  @OptionalField() @IsCode() touchpoint?: string;
}

/** A CX metric crossed the threshold a lead set (early warning). */
export class AlertRaisedV1 {
  @IsId() alertId!: string;
  /** Metric code (open list, see KNOWN_ALERT_METRICS), e.g. `customer-satisfaction`, `complaint-rate`. */
  @IsCode() metric!: string;
  @IsNested(() => AlertScopeV1) scope!: AlertScopeV1;
  /** Measured value, in the metric's unit (a rate as a fraction 0..1, a duration in hours). */
  @IsFiniteNumber() value!: number;
  @IsFiniteNumber() threshold!: number;
  /** The period measured: `2026-03`, `2026-Q1`, `2026-W09`, ... */
  @IsPeriod() period!: string;
  @IsTimestamp() raisedAt!: string;
}

export const alertRaisedV1 = defineEvent('evt.surveys.alert.raised.v1', AlertRaisedV1, {
  description: 'A CX metric fell below (or rose above) the threshold a lead set: leads are notified.',
});
