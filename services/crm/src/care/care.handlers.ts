import { CustomerErasedV1, CustomerMergedV1, Subjects } from '@cx/contracts';
import { Clock, EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { SegmentService } from './segment.service';

/**
 * Erasure takes a customer out of every segment (their anonymous purchases stay for the statistics); so
 * does a merge for the duplicate record, which no one should be reached through any more.
 */
@Controller()
export class CareHandlers {
  constructor(
    private readonly segments: SegmentService,
    private readonly clock: Clock,
  ) {}

  @OnEvent(Subjects.crm.customerErased)
  async onErased(data: CustomerErasedV1, ctx: EventContext): Promise<void> {
    await this.segments.exclude(ctx.em, data.customerId, 'erased', this.clock.now());
  }

  @OnEvent(Subjects.crm.customerMerged)
  async onMerged(data: CustomerMergedV1, ctx: EventContext): Promise<void> {
    await this.segments.exclude(ctx.em, data.mergedId, 'merged', this.clock.now());
  }
}
