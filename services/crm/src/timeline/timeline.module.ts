import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { TimelineHandlers } from './timeline.handlers';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

/** The customer 360 timeline. TimelineService is exported so the handler of an event another crm
 * feature already handles (a return) can put it on the timeline in the same transaction. */
@Module({
  controllers: [TimelineController, TimelineHandlers],
  providers: [TimelineRepository, TimelineService],
  exports: [TimelineService],
})
export class TimelineModule {}
