import { Clock, ScheduledJobs } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CrmConfig } from '../config';
import { RecomputeResult, SegmentService } from './segment.service';

/** Recomputes the segments every SEGMENTS_INTERVAL_MS on every replica; runExclusive keeps it to one at a time. */
@Injectable()
export class SegmentJob extends ScheduledJobs {
  constructor(
    private readonly segments: SegmentService,
    private readonly clock: Clock,
    config: CrmConfig,
  ) {
    super('SegmentJob');
    this.scheduler.every('crm-segments', config.SEGMENTS_INTERVAL_MS, () => this.recomputeOnce());
  }

  /** One recompute now (tests, ops); `now` defaults to the clock. */
  recomputeOnce(now: Date = this.clock.now()): Promise<RecomputeResult> {
    return this.segments.recompute(now);
  }
}
