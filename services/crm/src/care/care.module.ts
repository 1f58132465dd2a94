import { Module } from '@nestjs/common';
import { BirthdayController } from './birthday.controller';
import { BirthdayService } from './birthday.service';
import { CareSettingsController } from './care-settings.controller';
import { CareSettingsService } from './care-settings.service';
import { CareHandlers } from './care.handlers';
import { CareRepository } from './care.repository';
import { SegmentController } from './segment.controller';
import { SegmentJob } from './segment.job';
import { SegmentQueries } from './segment.queries';
import { SegmentService } from './segment.service';

/** Care and segments: RFM, VIP and at-risk segments recomputed periodically, birthdays with consent. */
@Module({
  controllers: [SegmentController, BirthdayController, CareSettingsController, CareHandlers],
  providers: [
    CareRepository,
    SegmentService,
    SegmentQueries,
    SegmentJob,
    BirthdayService,
    CareSettingsService,
  ],
  exports: [CareRepository, SegmentQueries, BirthdayService],
})
export class CareModule {}
