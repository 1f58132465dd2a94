import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AlertMetric } from './early-warning';

export const ALERT_SCOPES = ['store', 'category'] as const;
export type AlertScope = (typeof ALERT_SCOPES)[number];

/**
 * A KPI of a store or category below the lead's target: one row per breach, open until the figure
 * recovers. At most one open alert per metric, scope and key (a unique partial index).
 */
@Entity('kpi_alert')
export class KpiAlertEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') metric!: AlertMetric;
  @Column('text') scope!: AlertScope;
  /** The store id or category code. */
  @Column('text') key!: string;
  @Column('double precision') value!: number;
  @Column('text') operator!: '>=' | '<=';
  @Column('double precision') target!: number;
  @Column('int') cases!: number;
  @Column('timestamptz') windowFrom!: Date;
  @Index() @Column('timestamptz') raisedAt!: Date;
  @Column('timestamptz', { nullable: true }) recoveredAt!: Date | null;
  @Column('double precision', { nullable: true }) recoveredValue!: number | null;
}
