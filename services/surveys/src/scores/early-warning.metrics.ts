import { Clock, registerOpenAlertMetrics } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ScoresRepository } from './scores.repository';

/**
 * The early warning's open alerts on the app's registry, read from Postgres at scrape time
 * (docs/operations/slo.md): `surveys_early_warning_alerts_open` and
 * `surveys_early_warning_oldest_open_age_seconds`, how many are open and how long the oldest has been, 0 when none.
 * `CxEarlyWarningAlertsUnattended` fires when one stays open a day.
 */
@Injectable()
export class EarlyWarningMetrics {
  constructor(registry: Registry, repo: ScoresRepository, clock: Clock) {
    registerOpenAlertMetrics(
      registry,
      'surveys_early_warning',
      () => repo.openAlertSummary(),
      () => clock.now(),
    );
  }
}
