import type { SlaClock } from '@cx/contracts';
import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** What one sweep did, one entry per warning, breach, escalation level or closure. */
export type SweepEffect =
  | { kind: 'warned'; clock: SlaClock }
  | { kind: 'breached'; clock: SlaClock }
  | { kind: 'escalated'; level: number }
  | { kind: 'auto-closed' };

/** The sweeper's counters on the app's registry (GET /metrics); alert on breaches and escalations. */
@Injectable()
export class SlaMetrics {
  private readonly warnings: Counter<'clock'>;
  private readonly breaches: Counter<'clock'>;
  private readonly escalations: Counter<'level'>;
  private readonly autoClosed: Counter;

  constructor(registry: Registry) {
    this.warnings = counter(
      registry,
      'complaints_sla_warnings_total',
      'SLA deadlines warned about before they passed',
      ['clock'],
    );
    this.breaches = counter(
      registry,
      'complaints_sla_breaches_total',
      'SLA deadlines missed (one per clock per complaint)',
      ['clock'],
    );
    this.escalations = counter(
      registry,
      'complaints_escalations_total',
      'Complaints escalated to a level of the chain',
      ['level'],
    );
    this.autoClosed = counter(
      registry,
      'complaints_auto_closed_total',
      'Resolved complaints closed after the quiet period',
      [],
    );
  }

  /** Counts what a committed batch did (never before the commit: a rolled-back batch did nothing). */
  record(effects: readonly SweepEffect[]): void {
    for (const e of effects) {
      switch (e.kind) {
        case 'warned':
          this.warnings.inc({ clock: e.clock });
          break;
        case 'breached':
          this.breaches.inc({ clock: e.clock });
          break;
        case 'escalated':
          this.escalations.inc({ level: String(e.level) });
          break;
        case 'auto-closed':
          this.autoClosed.inc();
          break;
      }
    }
  }
}

function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
): Counter<L> {
  // Reuse on a registry that has it already (a second module instance on the same app registry).
  const existing = registry.getSingleMetric(name) as Counter<L> | undefined;
  return existing ?? new Counter({ name, help, labelNames, registers: [registry] });
}
