// The complaints service for a test: the shared harness (@cx/testing) plus what only complaints needs.
import { launchService, ServiceHarness, StartServiceOptions, waitFor } from '@cx/testing';
import { PolicyCache } from '../src/policy/policy.cache';
import { complaintsService } from '../src/service';

export type { InjectedResponse as Response } from '@cx/testing';

export class ComplaintsHarness extends ServiceHarness {
  static async start(opts: StartServiceOptions = {}): Promise<ComplaintsHarness> {
    // The sweepers run when a test calls them, not on a timer.
    const env = {
      SLA_SWEEP_INTERVAL_MS: '3600000',
      INCIDENT_SWEEP_INTERVAL_MS: '3600000',
      ALERT_SWEEP_INTERVAL_MS: '3600000',
      CORRECTIVE_ACTION_SWEEP_INTERVAL_MS: '3600000',
      ...opts.env,
    };
    return new ComplaintsHarness(await launchService(complaintsService, { ...opts, env }));
  }

  /**
   * Changes policy rows behind the service's back (as psql or another replica would) and waits until
   * the service has been notified, so its next read sees the change.
   */
  async changePolicyRows(q: string, params: unknown[] = []): Promise<void> {
    const cache = this.get(PolicyCache);
    const before = cache.generation;
    await this.sql(q, params);
    await waitFor(() => Promise.resolve(cache.generation > before), 5_000, 'policy change notification');
  }
}
