import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ScorecardController } from './scorecard.controller';
import { ScorecardHandlers } from './scorecard.handlers';
import { ScorecardService } from './scorecard.service';

/** After-sales' figure of the company CX scorecard (GET /api/v1/admin/scorecard, rpc.aftersales.get-scorecard.v1). */
@Module({
  imports: [AnalyticsModule],
  controllers: [ScorecardController, ScorecardHandlers],
  providers: [ScorecardService],
})
export class ScorecardModule {}
