import { Module } from '@nestjs/common';
import { CxReportModule } from '../cx-report/cx-report.module';
import { ImprovementMeasureController } from './improvement-measure.controller';
import { ImprovementMeasureRepository } from './improvement-measure.repository';
import { ImprovementMeasureService } from './improvement-measure.service';

/** The departments' improvement measures answering a CX report (docs/surveys/reports.md). */
@Module({
  imports: [CxReportModule],
  controllers: [ImprovementMeasureController],
  providers: [ImprovementMeasureService, ImprovementMeasureRepository],
})
export class ImprovementMeasureModule {}
