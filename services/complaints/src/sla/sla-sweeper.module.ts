import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module';
import { PolicyModule } from '../policy/policy.module';
import { SlaMetrics } from './sla.metrics';
import { SlaSweeper } from './sla.sweeper';

/**
 * The SLA sweeper: it changes complaints the way every change does (ComplaintChanges, and
 * ComplaintService.transition for closing), so it sits above the complaint module:
 * SlaSweeperModule -> ComplaintModule -> SlaModule, no cycle.
 */
@Module({
  imports: [ComplaintModule, PolicyModule],
  providers: [SlaSweeper, SlaMetrics],
  exports: [SlaSweeper],
})
export class SlaSweeperModule {}
