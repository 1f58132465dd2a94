import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ScorecardController } from './scorecard.controller';
import { ScorecardHandlers } from './scorecard.handlers';
import { ScorecardService } from './scorecard.service';
import { ReportDigestHandlers } from './report-digest.handlers';
import { ReportDigestRepository } from './report-digest.repository';

/** Complaints' figures of the company CX scorecard (GET /api/v1/admin/scorecard, rpc.complaints.get-scorecard.v1), and its part of surveys' CX report (rpc.complaints.get-report-digest.v1). */
@Module({
  imports: [AnalyticsModule],
  controllers: [ScorecardController, ScorecardHandlers, ReportDigestHandlers],
  providers: [ScorecardService, ReportDigestRepository],
})
export class ScorecardModule {}
