import { Module } from '@nestjs/common';
import { BirthdayController } from './birthday.controller';
import { BirthdayService } from './birthday.service';
import { CareHandlers } from './care.handlers';
import { CareRepository } from './care.repository';
import { SegmentController } from './segment.controller';
import { SegmentJob } from './segment.job';
import { SegmentQueries } from './segment.queries';
import { SegmentService } from './segment.service';

/** Care and segments: RFM, VIP and at-risk segments recomputed periodically, birthdays with consent. */
@Module({
  controllers: [SegmentController, BirthdayController, CareHandlers],
  providers: [CareRepository, SegmentService, SegmentQueries, SegmentJob, BirthdayService],
  exports: [CareRepository, SegmentQueries, BirthdayService],
})
export class CareModule {}
