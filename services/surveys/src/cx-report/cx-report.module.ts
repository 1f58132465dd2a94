import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { ScoresModule } from '../scores/scores.module';
import { CxReportController } from './cx-report.controller';
import { CxReportGatherer } from './cx-report.gatherer';
import { CxReportJobs } from './cx-report.jobs';
import { CxReportRepository } from './cx-report.repository';
import { CxReportService } from './cx-report.service';

/** The periodic CX report (docs/surveys/reports.md): made, stored, listed, downloaded and announced. */
@Module({
  imports: [ScorecardModule, ScoresModule, AuditModule],
  controllers: [CxReportController],
  providers: [CxReportService, CxReportRepository, CxReportGatherer, CxReportJobs],
  exports: [CxReportRepository],
})
export class CxReportModule {}
