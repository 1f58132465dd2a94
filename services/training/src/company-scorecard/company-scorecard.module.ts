import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module';
import { CompanyScorecardController } from './company-scorecard.controller';
import { CompanyScorecardHandlers } from './company-scorecard.handlers';
import { CompanyScorecardRepository } from './company-scorecard.repository';
import { CompanyScorecardService } from './company-scorecard.service';

/** The company CX scorecard, gathered here (GET /api/v1/admin/company-scorecard; ADR 32), and training's own figures on rpc.training.get-scorecard.v1. */
@Module({
  imports: [CoverageModule],
  controllers: [CompanyScorecardController, CompanyScorecardHandlers],
  providers: [CompanyScorecardService, CompanyScorecardRepository],
})
export class CompanyScorecardModule {}
