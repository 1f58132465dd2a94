import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';

/** Read-only figures over the complaint tables for the lead (/api/v1/admin/analytics/..., the CSV ledger). */
@Module({
  imports: [PolicyModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsRepository, AnalyticsService],
  exports: [AnalyticsRepository, AnalyticsService],
})
export class AnalyticsModule {}
