import { Clock, decodeCursor, EventContext, Page, toPage } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TimelineQuery } from './dto/timeline.query';
import { TimelinePosition, TimelineRepository } from './timeline.repository';
import type { TimelineFact } from './timeline.rules';
import { TimelineEntryView, toTimelineEntryView } from './timeline.view';

const isPosition = (p: Record<string, unknown>): p is Record<string, unknown> & TimelinePosition =>
  typeof p.occurredAt === 'string' && !Number.isNaN(Date.parse(p.occurredAt)) && typeof p.id === 'string';

/** The customer 360 timeline: facts recorded from events, read newest first. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly clock: Clock,
  ) {}

  /** Records a fact in the transaction of the message that carried it (null: nothing to record). */
  async record(em: EntityManager, fact: TimelineFact | null): Promise<void> {
    if (fact) await this.timeline.record(em, fact, this.clock.now());
  }

  /** Records a fact from a write-only handler (ADR 10): queued, applied with its lane's batch in one round trip. */
  queue(ctx: EventContext, fact: TimelineFact | null): void {
    if (fact) this.timeline.queue(ctx, fact, this.clock.now());
  }

  /**
   * One page of a customer's timeline. An id with no entries answers an empty page: the timeline does
   * not say whether a customer exists (the profile route does, audited).
   */
  async list(customerId: string, query: TimelineQuery): Promise<Page<TimelineEntryView>> {
    const after = decodeCursor(query.cursor, isPosition);
    const rows = await this.timeline.listForCustomer(customerId, query.kind, after, query.limit + 1);
    return toPage(rows.map(toTimelineEntryView), query.limit, (last) => ({
      occurredAt: last.occurredAt,
      id: last.id,
    }));
  }
}
