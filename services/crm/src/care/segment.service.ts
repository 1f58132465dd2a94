import { Clock, DAY_MS, EventPublisher } from '@cx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { membershipChanged } from './care.events';
import { CareRepository } from './care.repository';
import { assignSegments, membershipChanges, Segment } from './segment.rules';

/** Events per outbox INSERT: five parameters each, far below Postgres' 65,535 per statement. */
const EVENTS_PER_INSERT = 1_000;
const LOCK = 'crm.segments';

export interface RecomputeResult {
  /** False when another replica was recomputing at that moment (it does the work). */
  ran: boolean;
  joined: number;
  left: number;
}

/**
 * Recomputes the segments from purchases and tiers, and tells the other services who joined and who
 * left. Every replica schedules it; runExclusive lets one at a time run, the others skip the tick.
 */
@Injectable()
export class SegmentService {
  private readonly log = new Logger('SegmentService');

  constructor(
    private readonly care: CareRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async recompute(now: Date = this.clock.now()): Promise<RecomputeResult> {
    const run = await this.care.exclusive(LOCK, async (em) => {
      const rules = await this.care.settings(em);
      const stats = await this.care.purchaseStats(em, new Date(now.getTime() - rules.rfmWindowDays * DAY_MS));
      const vips = await this.care.customersInTiers(em, rules.vipTiers);
      const changes = membershipChanges(await this.care.members(em), assignSegments(stats, vips, now, rules));
      await this.care.applyChanges(em, changes, now);
      for (let i = 0; i < changes.length; i += EVENTS_PER_INSERT)
        await this.events.publishAll(
          em,
          changes.slice(i, i + EVENTS_PER_INSERT).map((c) => membershipChanged(c, now)),
        );
      await this.care.markComputed(em, now);
      return changes;
    });
    if (!run.ran) return { ran: false, joined: 0, left: 0 };
    const changes = run.result ?? [];
    const joined = changes.filter((c) => c.change === 'joined').length;
    this.log.log(`segments recomputed: ${joined} joined, ${changes.length - joined} left`);
    return { ran: true, joined, left: changes.length - joined };
  }

  /** An erased customer leaves every segment now and is left out of later runs. */
  async exclude(em: EntityManager, customerId: string, reason: 'erased' | 'merged', at: Date): Promise<void> {
    const segments: Segment[] = await this.care.exclude(em, customerId, reason, at);
    await this.events.publishAll(
      em,
      segments.map((segment) => membershipChanged({ segment, customerId, change: 'left' }, at)),
    );
  }
}
