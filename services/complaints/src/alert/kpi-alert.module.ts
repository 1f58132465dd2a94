import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { PolicyModule } from '../policy/policy.module';
import { KpiAlertController } from './kpi-alert.controller';
import { KpiAlertMetrics } from './kpi-alert.metrics';
import { KpiAlertRepository } from './kpi-alert.repository';
import { KpiAlertService } from './kpi-alert.service';
import { EarlyWarningSweeper } from './kpi-alert.sweeper';

@Module({
  imports: [AnalyticsModule, PolicyModule],
  controllers: [KpiAlertController],
  providers: [KpiAlertService, KpiAlertRepository, EarlyWarningSweeper, KpiAlertMetrics],
})
export class KpiAlertModule {}
