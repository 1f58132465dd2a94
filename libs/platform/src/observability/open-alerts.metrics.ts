import { Gauge, Registry } from 'prom-client';

/** What a service's early warning has open now. */
export interface OpenAlertSummary {
  open: number;
  /** When the oldest open alert was raised; null when none is open. */
  oldest: Date | null;
}

/**
 * A service's open early-warning alerts as two gauges read at scrape time (docs/operations/slo.md):
 * `<prefix>_alerts_open` and `<prefix>_oldest_open_age_seconds` (0 when none is open), from one
 * `read()` per scrape shared by both. Age by `now()`, the clock the alerts were raised with. Every
 * replica reports the same values: aggregate with `max`. Registering twice on one registry is a no-op.
 */
export function registerOpenAlertMetrics(
  registry: Registry,
  prefix: string,
  read: () => Promise<OpenAlertSummary>,
  now: () => Date,
): void {
  let reading: Promise<OpenAlertSummary> | undefined;
  const once = async (): Promise<OpenAlertSummary> => {
    reading ??= read();
    const running = reading;
    try {
      return await running;
    } finally {
      setImmediate(() => {
        if (reading === running) reading = undefined;
      });
    }
  };
  gauge(registry, `${prefix}_alerts_open`, 'Early-warning alerts open (not recovered) now', async (g) => {
    g.set((await once()).open);
  });
  gauge(
    registry,
    `${prefix}_oldest_open_age_seconds`,
    'Age in seconds of the oldest early-warning alert still open, 0 when none is open',
    async (g) => {
      const { oldest } = await once();
      g.set(oldest === null ? 0 : Math.max(0, (now().getTime() - oldest.getTime()) / 1000));
    },
  );
}

function gauge(registry: Registry, name: string, help: string, fill: (g: Gauge) => Promise<void>): void {
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
