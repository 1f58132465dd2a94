import { Clock } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { ScoresRepository } from './scores.repository';

export const ALERTS_OPEN_METRIC = 'surveys_early_warning_alerts_open';
export const OLDEST_OPEN_AGE_METRIC = 'surveys_early_warning_oldest_open_age_seconds';

/**
 * The early warning's open alerts on the app's registry, read from Postgres at scrape time
 * (docs/operations/slo.md): how many are open and how long the oldest has been, 0 when none.
 * `CxEarlyWarningAlertsUnattended` fires when one stays open a day. Age by the injected Clock, the
 * clock `raised_at` was written with. Every replica reports the same values: aggregate with `max`.
 */
@Injectable()
export class EarlyWarningMetrics {
  constructor(registry: Registry, repo: ScoresRepository, clock: Clock) {
    let reading: Promise<{ open: number; oldest: Date | null }> | undefined;
    // One query per scrape, shared by the two gauges (each calls read()).
    const read = async (): Promise<{ open: number; oldest: Date | null }> => {
      reading ??= repo.openAlertSummary();
      const running = reading;
      try {
        return await running;
      } finally {
        setImmediate(() => {
          if (reading === running) reading = undefined;
        });
      }
    };
    gauge(registry, ALERTS_OPEN_METRIC, 'Early-warning alerts open (not recovered) now', async (g) => {
      g.set((await read()).open);
    });
    gauge(
      registry,
      OLDEST_OPEN_AGE_METRIC,
      'Age in seconds of the oldest early-warning alert still open, 0 when none is open',
      async (g) => {
        const { oldest } = await read();
        g.set(oldest === null ? 0 : Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000));
      },
    );
  }
}

function gauge(registry: Registry, name: string, help: string, fill: (g: Gauge) => Promise<void>): void {
  // Reuse on a registry that has it already (a second module instance on the same app registry).
  if (registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      await fill(this);
    },
  });
}
