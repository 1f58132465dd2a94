import { Clock, registerOpenAlertMetrics } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { KpiAlertRepository } from './kpi-alert.repository';

/**
 * The complaints early warning's open KPI alerts on the app's registry, read from Postgres at scrape
 * time (docs/operations/slo.md): `complaints_early_warning_alerts_open` and
 * `complaints_early_warning_oldest_open_age_seconds`. `CxComplaintsEarlyWarningUnattended` fires when
 * one stays open a day.
 */
@Injectable()
export class KpiAlertMetrics {
  constructor(registry: Registry, repo: KpiAlertRepository, clock: Clock) {
    registerOpenAlertMetrics(
      registry,
      'complaints_early_warning',
      () => repo.openAlertSummary(),
      () => clock.now(),
    );
  }
}
