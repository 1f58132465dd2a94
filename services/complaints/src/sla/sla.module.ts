import { Module } from '@nestjs/common';
import { ComplaintRepository } from '../complaint/complaint.repository';
import { PolicyModule } from '../policy/policy.module';
import { SlaService } from './sla.service';
import { SlaMetrics } from './sla.metrics';
import { SlaSweeper } from './sla.sweeper';

/**
 * SLA targets and deadlines (SlaService, for the complaint service) and the sweeper that acts on them.
 * It provides its own ComplaintRepository (stateless) rather than importing ComplaintModule, which
 * imports this module for SlaService.
 */
@Module({
  imports: [PolicyModule],
  providers: [SlaService, SlaSweeper, SlaMetrics, ComplaintRepository],
  exports: [SlaService, SlaSweeper],
})
export class SlaModule {}
