import { ApiProperty } from '@nestjs/swagger';
import { ALERT_METRICS, AlertMetric } from './early-warning';
import { ALERT_SCOPES, AlertScope, KpiAlertEntity } from './kpi-alert.entity';

export class KpiAlertView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ALERT_METRICS }) metric!: AlertMetric;
  @ApiProperty({ enum: ALERT_SCOPES }) scope!: AlertScope;
  @ApiProperty({ example: 'SH-001', description: 'The store id or category code' }) key!: string;
  @ApiProperty({ example: 0.8, description: 'The figure when raised (a fraction)' }) value!: number;
  @ApiProperty({ enum: ['>=', '<='] }) operator!: '>=' | '<=';
  @ApiProperty({ example: 0.95 }) target!: number;
  @ApiProperty({ example: 40, description: 'Cases the figure rests on' }) cases!: number;
  @ApiProperty({ format: 'date-time', description: 'Start of the window the figure covers' })
  windowFrom!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recoveredAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) recoveredValue!: number | null;
}

export const toKpiAlertView = (a: KpiAlertEntity): KpiAlertView => ({
  id: a.id,
  metric: a.metric,
  scope: a.scope,
  key: a.key,
  value: a.value,
  operator: a.operator,
  target: a.target,
  cases: a.cases,
  windowFrom: a.windowFrom.toISOString(),
  raisedAt: a.raisedAt.toISOString(),
  recoveredAt: a.recoveredAt?.toISOString() ?? null,
  recoveredValue: a.recoveredValue,
});
