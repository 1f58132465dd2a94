import { Module } from '@nestjs/common';
import { CareModule } from '../care/care.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';

/** The CRM lead's analytics and CSV exports (admin API): counts and sums, never personal data. */
@Module({
  imports: [CareModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsRepository, AnalyticsService],
  exports: [AnalyticsRepository],
})
export class AnalyticsModule {}
