import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { SurveyAnswerHandlers } from './survey-answer.handlers';

@Module({
  controllers: [AnalyticsController, SurveyAnswerHandlers],
  providers: [AnalyticsService, AnalyticsRepository],
  exports: [AnalyticsRepository],
})
export class AnalyticsModule {}
