import { Module } from '@nestjs/common';
import { RemedialModule } from '../remedial/remedial.module';
import { StoreModule } from '../store/store.module';
import { ScorecardFactsModule } from './scorecard-facts.module';
import { ScorecardPolicyController } from './scorecard-policy.controller';
import { ScorecardController } from './scorecard.controller';
import { ScorecardHandlers } from './scorecard.handlers';
import { ScorecardIngest } from './scorecard.ingest';
import { ScorecardJobs } from './scorecard.jobs';
import { ScorecardService } from './scorecard.service';

@Module({
  imports: [ScorecardFactsModule, RemedialModule, StoreModule],
  controllers: [ScorecardController, ScorecardPolicyController, ScorecardHandlers],
  providers: [ScorecardService, ScorecardIngest, ScorecardJobs],
  exports: [ScorecardService],
})
export class ScorecardModule {}
