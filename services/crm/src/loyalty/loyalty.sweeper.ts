import { Clock, DAY_MS, EventPublisher, ScheduledJobs, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CrmConfig } from '../config';
import { applyMovements, Change, expire, release } from './ledger.rules';
import { PointsLotEntity } from './loyalty.entity';
import { pointsExpiring } from './loyalty.events';
import { LoyaltyRepository } from './loyalty.repository';
import { PointsLedger, toLot } from './points.ledger';
import { ReviewCounts, TierService } from './tier.service';

export interface LoyaltySweepCounts extends ReviewCounts {
  released: number;
  expired: number;
  reminded: number;
}

const JOB = 'crm.loyalty-sweep';
const SYSTEM = 'system';
/** Keeps one tick bounded when there is a backlog; the next tick carries on. */
const MAX_BATCHES = 20;

/**
 * The loyalty sweeper: every LOYALTY_SWEEP_INTERVAL_MS it releases points whose return window has
 * closed, expires points past their date, reminds customers of points expiring soon, and reviews tiers
 * that are due. Every replica runs it; each batch claims its rows with FOR UPDATE SKIP LOCKED (the
 * customers' balance rows for points, the tier rows for reviews), so replicas share the work.
 */
@Injectable()
export class LoyaltySweeper extends ScheduledJobs {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: LoyaltyRepository,
    private readonly ledger: PointsLedger,
    private readonly tiers: TierService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly config: CrmConfig,
  ) {
    super('LoyaltySweeper');
    this.scheduler.every(JOB, config.LOYALTY_SWEEP_INTERVAL_MS, () => this.sweepOnce());
  }

  /** One sweep now (tests, ops). */
  async sweepOnce(now: Date = this.clock.now()): Promise<LoyaltySweepCounts> {
    const counts: LoyaltySweepCounts = {
      released: 0,
      expired: 0,
      reminded: 0,
      reviewed: 0,
      noticed: 0,
      downgraded: 0,
    };
    const batch = this.config.LOYALTY_SWEEP_BATCH;
    const settings = await this.repo.settings();
    for (const due of ['release', 'expire'] as const)
      for (let i = 0; i < MAX_BATCHES; i++) {
        const { customers, lots } = await this.tx.run(async (em) => {
          const claimed = await this.repo.claimDue(em, due, now, batch);
          const byCustomer = new Map<string, PointsLotEntity[]>();
          for (const lot of claimed.lots)
            byCustomer.set(lot.customerId, [...(byCustomer.get(lot.customerId) ?? []), lot]);
          for (const b of claimed.balances) {
            const mine = byCustomer.get(b.customerId) ?? [];
            let balance: typeof b = b;
            const changes: {
              change: Change;
              known: PointsLotEntity[];
              ctx: { at: Date; actorId: string; purchaseId: string | null };
            }[] = [];
            for (const lot of mine) {
              const change =
                due === 'release'
                  ? release(balance, toLot(lot), new Date(now.getTime() + settings.expiryDays * DAY_MS))
                  : expire(toLot(lot), now);
              balance = { ...balance, ...applyMovements(balance, change.movements) };
              changes.push({
                change,
                known: [lot],
                ctx: { at: now, actorId: SYSTEM, purchaseId: lot.purchaseId },
              });
            }
            await this.ledger.write(em, b.customerId, changes);
          }
          return { customers: claimed.balances.length, lots: claimed.lots.length };
        });
        if (due === 'release') counts.released += lots;
        else counts.expired += lots;
        if (customers < batch) break;
      }
    const until = new Date(now.getTime() + settings.expiryReminderDays * DAY_MS);
    for (let i = 0; i < MAX_BATCHES; i++) {
      const claimed = await this.tx.run(async (em) => {
        const reminders = await this.repo.claimReminders(em, until, now, batch);
        await this.events.publishAll(
          em,
          reminders
            .filter((r) => r.points > 0)
            .map((r) =>
              pointsExpiring(r.customerId, r.points, new Date(r.firstExpiresAt), until, r.available, now),
            ),
        );
        return reminders.length;
      });
      counts.reminded += claimed;
      if (claimed === 0) break;
    }
    for (let i = 0; i < MAX_BATCHES; i++) {
      const r = await this.tx.run((em) => this.tiers.reviewBatch(em, now, batch));
      counts.reviewed += r.reviewed;
      counts.noticed += r.noticed;
      counts.downgraded += r.downgraded;
      if (r.reviewed < batch) break;
    }
    return counts;
  }
}
