import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ScoresModule } from '../scores/scores.module';
import { SettingsModule } from '../settings/settings.module';
import { ScorecardController } from './scorecard.controller';
import { ScorecardHandlers } from './scorecard.handlers';
import { ScorecardService } from './scorecard.service';

/** Surveys' figures of the company CX scorecard (GET /api/v1/admin/scorecard, rpc.surveys.get-scorecard.v1). */
@Module({
  imports: [ScoresModule, AuditModule, SettingsModule],
  controllers: [ScorecardController, ScorecardHandlers],
  providers: [ScorecardService],
  exports: [ScorecardService],
})
export class ScorecardModule {}
