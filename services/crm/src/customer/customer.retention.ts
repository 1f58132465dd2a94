import { Clock, ScheduledJobs, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CrmConfig } from '../config';
import { CustomerErasure, RETENTION_ACTOR } from './customer.erasure';
import { CustomerRepository } from './customer.repository';
import { retentionCutoff } from './customer.rules';

const JOB = 'crm.customer-retention';
/** Keeps one run bounded when there is a backlog; the next run carries on. */
const MAX_BATCHES = 20;

/**
 * Retention: profiles without a change or a purchase for longer than the lead's setting are erased
 * like on request (CustomerErasure: audit entry and customer.erased event in the same transaction).
 * Every replica runs it; each batch claims its rows FOR UPDATE SKIP LOCKED, so replicas share the work
 * and a profile is erased, and announced, once.
 */
@Injectable()
export class CustomerRetention extends ScheduledJobs {
  constructor(
    private readonly tx: Transactions,
    private readonly customers: CustomerRepository,
    private readonly erasure: CustomerErasure,
    private readonly clock: Clock,
    private readonly config: CrmConfig,
  ) {
    super('CustomerRetention');
    this.scheduler.every(JOB, config.CUSTOMER_RETENTION_INTERVAL_MS, (signal) =>
      this.run(this.clock.now(), signal),
    );
  }

  /** One run now (tests, ops); returns how many profiles were erased. */
  runOnce(now: Date = this.clock.now()): Promise<number> {
    return this.run(now);
  }

  private async run(now: Date, signal?: AbortSignal): Promise<number> {
    const policy = await this.customers.retentionPolicy();
    const cutoff = retentionCutoff(now, policy.inactiveDays);
    const reason = `retention: inactive for more than ${policy.inactiveDays} days`;
    const batch = this.config.CUSTOMER_RETENTION_BATCH;
    let erased = 0;
    for (let i = 0; i < MAX_BATCHES && !signal?.aborted; i++) {
      const claimed = await this.tx.run(async (em) => {
        const rows = await this.customers.claimInactive(em, cutoff, batch);
        for (const c of rows)
          await this.erasure.eraseLocked(em, c, RETENTION_ACTOR, reason, 'retention-policy', now);
        return rows.length;
      });
      erased += claimed;
      if (claimed < batch) break;
    }
    if (erased) this.log.log(`erased ${erased} inactive profiles (cutoff ${cutoff.toISOString()})`);
    return erased;
  }
}
