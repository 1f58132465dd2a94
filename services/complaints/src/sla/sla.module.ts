import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { SlaService } from './sla.service';

/**
 * The SLA a new complaint is promised (SlaService, for the complaint service). It knows nothing of the
 * complaint module: the sweeper that acts on complaints' deadlines has its own module
 * (SlaSweeperModule), which imports the complaint module.
 */
@Module({
  imports: [PolicyModule],
  providers: [SlaService],
  exports: [SlaService],
})
export class SlaModule {}
