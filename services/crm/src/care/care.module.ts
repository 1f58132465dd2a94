import { Module } from '@nestjs/common';
import { CareHandlers } from './care.handlers';
import { CareRepository } from './care.repository';
import { SegmentController } from './segment.controller';
import { SegmentJob } from './segment.job';
import { SegmentQueries } from './segment.queries';
import { SegmentService } from './segment.service';

/** Care and segments: RFM, VIP and at-risk segments recomputed periodically, birthdays with consent. */
@Module({
  controllers: [SegmentController, CareHandlers],
  providers: [CareRepository, SegmentService, SegmentQueries, SegmentJob],
  exports: [CareRepository, SegmentQueries],
})
export class CareModule {}
