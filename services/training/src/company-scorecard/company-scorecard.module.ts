import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module';
import { CompanyScorecardController } from './company-scorecard.controller';
import { CompanyScorecardRepository } from './company-scorecard.repository';
import { CompanyScorecardService } from './company-scorecard.service';

/** The company CX scorecard, gathered here (GET /api/v1/admin/company-scorecard; ADR 32). */
@Module({
  imports: [CoverageModule],
  controllers: [CompanyScorecardController],
  providers: [CompanyScorecardService, CompanyScorecardRepository],
})
export class CompanyScorecardModule {}
