import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ScorecardController } from './scorecard.controller';
import { ScorecardHandlers } from './scorecard.handlers';
import { ScorecardRepository } from './scorecard.repository';
import { ScorecardService } from './scorecard.service';

/** Crm's figure of the company CX scorecard (GET /api/v1/admin/scorecard, rpc.crm.get-scorecard.v1). */
@Module({
  imports: [AnalyticsModule],
  controllers: [ScorecardController, ScorecardHandlers],
  providers: [ScorecardRepository, ScorecardService],
})
export class ScorecardModule {}
